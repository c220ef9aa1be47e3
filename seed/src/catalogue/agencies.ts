/**
 * The demo's customs agencies and the places where each of them seizes goods, by kind of place (UN/LOCODEs
 * whose function fits: airports for air, seaports for sea, road terminals or border crossings for road,
 * postal exchanges for post, express hubs for courier parcels).
 */

export interface AgencyProfile {
  code: string;
  country: string;
  name: string;
  /** Case numbers look like `<prefix>-<year>-<serial>`. */
  casePrefix: string;
  /** Relative share of the demo's seizures and orders. */
  weight: number;
  /** The national airline, flying the last leg of many passenger routes into the country. */
  homeAirline: string;
  /** The national postal operator. */
  post: string;
  airports: readonly string[];
  seaports: readonly string[];
  roadPlaces: readonly string[];
  postalPlaces: readonly string[];
  expressHubs: readonly string[];
  /** Cities parcels are delivered to. */
  deliveryPlaces: readonly string[];
}

export const AGENCIES: readonly AgencyProfile[] = [
  {
    code: "NL-CUSTOMS",
    country: "NL",
    name: "Douane Nederland",
    casePrefix: "DNL",
    weight: 18,
    homeAirline: "KL",
    post: "PostNL",
    airports: ["NLAMS", "NLEIN"],
    seaports: ["NLRTM", "NLRTM", "NLVLI", "NLAMS"],
    roadPlaces: ["NLVEN", "NLHZK"],
    postalPlaces: ["NLAMS"],
    expressHubs: ["NLAMS", "NLEIN"],
    deliveryPlaces: ["NLAMS", "NLRTM", "NLUTC", "NLHAG", "NLEIN"],
  },
  {
    code: "BE-CUSTOMS",
    country: "BE",
    name: "Algemene Administratie der Douane en Accijnzen",
    casePrefix: "AADA",
    weight: 14,
    homeAirline: "SN",
    post: "bpost",
    airports: ["BEBRU", "BELGG"],
    seaports: ["BEANR", "BEANR", "BEZEE"],
    roadPlaces: ["BEZEE", "BEWCG"],
    postalPlaces: ["BEANR"],
    expressHubs: ["BELGG", "BEBRU"],
    deliveryPlaces: ["BEANR", "BEBRU", "BEGNE"],
  },
  {
    code: "DE-ZOLL",
    country: "DE",
    name: "Generalzolldirektion",
    casePrefix: "GZD",
    weight: 16,
    homeAirline: "LH",
    post: "Deutsche Post",
    airports: ["DEFRA", "DEMUC", "DELEJ", "DECGN"],
    seaports: ["DEHAM", "DEHAM", "DEBRV"],
    roadPlaces: ["DEFFO", "DEJES"],
    postalPlaces: ["DEFRA", "DELEJ"],
    expressHubs: ["DELEJ", "DECGN", "DEFRA"],
    deliveryPlaces: ["DEBER", "DEHAM", "DEMUC", "DECGN", "DEFRA"],
  },
  {
    code: "FR-DOUANE",
    country: "FR",
    name: "Direction générale des douanes et droits indirects",
    casePrefix: "DGDDI",
    weight: 14,
    homeAirline: "AF",
    post: "La Poste",
    airports: ["FRCDG", "FRCDG", "FRORY", "FRLYS"],
    seaports: ["FRLEH", "FRMRS"],
    roadPlaces: ["FRLHP", "FRANM"],
    postalPlaces: ["FRPAR"],
    expressHubs: ["FRCDG"],
    deliveryPlaces: ["FRPAR", "FRMRS", "FRLIO", "FRLLE"],
  },
  {
    code: "ES-AEAT",
    country: "ES",
    name: "Agencia Estatal de Administración Tributaria, Departamento de Aduanas",
    casePrefix: "DAIE",
    weight: 12,
    homeAirline: "IB",
    post: "Correos",
    airports: ["ESMAD", "ESMAD", "ESBCN", "ESAGP"],
    seaports: ["ESALG", "ESVLC", "ESBCN"],
    roadPlaces: ["ESIRU", "ESJQR"],
    postalPlaces: ["ESMAD"],
    expressHubs: ["ESMAD", "ESBCN"],
    deliveryPlaces: ["ESMAD", "ESBCN", "ESVLC", "ESAGP", "ESSVQ"],
  },
  {
    code: "GB-HMRC",
    country: "GB",
    name: "HM Revenue & Customs",
    casePrefix: "HMRC",
    weight: 10,
    homeAirline: "BA",
    post: "Royal Mail",
    airports: ["GBLHR", "GBLHR", "GBLGW", "GBSTN", "GBMNC"],
    seaports: ["GBFXT", "GBSOU", "GBLIV"],
    roadPlaces: ["GBFOL"],
    postalPlaces: ["GBLON"],
    expressHubs: ["GBEMA", "GBLHR"],
    deliveryPlaces: ["GBLON", "GBMNC", "GBBHM", "GBLIV"],
  },
  {
    code: "IT-ADM",
    country: "IT",
    name: "Agenzia delle Dogane e dei Monopoli",
    casePrefix: "ADM",
    weight: 9,
    homeAirline: "AZ",
    post: "Poste Italiane",
    airports: ["ITMXP", "ITFCO"],
    seaports: ["ITGIT", "ITGOA", "ITNAP"],
    roadPlaces: ["ITPTT", "ITRNO"],
    postalPlaces: ["ITLIN", "ITMIL"],
    expressHubs: ["ITLIN"],
    deliveryPlaces: ["ITMIL", "ITROM", "ITNAP", "ITTRN"],
  },
  {
    code: "PL-KAS",
    country: "PL",
    name: "Krajowa Administracja Skarbowa",
    casePrefix: "KAS",
    weight: 7,
    homeAirline: "LO",
    post: "Poczta Polska",
    airports: ["PLWAW", "PLKTW"],
    seaports: ["PLGDN", "PLGDY"],
    roadPlaces: ["PLKUB", "PLDOR", "PLTER", "PLMED"],
    postalPlaces: ["PLKTW"],
    expressHubs: ["PLWAW", "PLKTW"],
    deliveryPlaces: ["PLWAW", "PLKRK", "PLGDN", "PLLOD", "PLWRO"],
  },
];

export function agency(code: string): AgencyProfile {
  const a = AGENCIES.find((x) => x.code === code);
  if (!a) throw new Error(`Unknown agency ${code}`);
  return a;
}
