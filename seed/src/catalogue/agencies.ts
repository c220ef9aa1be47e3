import type { Rng } from "../random.js";

/**
 * The demo's customs agencies and the places where each of them seizes goods, by kind of place (UN/LOCODEs
 * whose function fits: airports for air, seaports for sea, road terminals or border crossings for road,
 * postal exchanges for post, express hubs for courier parcels). The CEN scale adds an agency for every other
 * country (world.ts).
 */

export interface AgencyProfile {
  code: string;
  country: string;
  name: string;
  /** Case numbers look like `<prefix>-<year>-<serial>`. */
  casePrefix: string;
  /** Relative share of the seizures and orders (and at CEN scale of the persons and companies). */
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
  /** Cities parcels are delivered to. Any list but this one may be empty when the country has no such place. */
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

/**
 * The agencies of a data set and how background records are shared out among them. Persons and companies (and,
 * if `ordersInTurn`, orders) go round a cycle in which each agency has `turns(agency)` places, so record i's
 * agency, and its rank among that agency's records, follow from i alone; seizures (and otherwise orders) draw
 * their agency by weight.
 */
export class AgencyCatalogue {
  private readonly cycle: AgencyProfile[] = [];
  /** The cycle positions of each agency, ascending. */
  private readonly positions = new Map<AgencyProfile, number[]>();
  /** For each cycle position, how many earlier positions belong to the same agency. */
  private readonly rankInCycle: number[] = [];
  private readonly weights: ReadonlyArray<readonly [AgencyProfile, number]>;

  constructor(
    readonly agencies: readonly AgencyProfile[],
    turns: (agency: AgencyProfile) => number,
    private readonly ordersInTurn: boolean,
  ) {
    // Smooth weighted round robin: an agency's places are spread over the cycle, not bunched together.
    const total = agencies.reduce((sum, a) => sum + turns(a), 0);
    const credit = agencies.map(() => 0);
    for (let p = 0; p < total; p++) {
      let best = 0;
      agencies.forEach((a, k) => {
        credit[k]! += turns(a);
        if (credit[k]! > credit[best]!) best = k;
      });
      credit[best]! -= total;
      const agency = agencies[best]!;
      const places = this.positions.get(agency) ?? [];
      this.positions.set(agency, places);
      this.rankInCycle.push(places.length);
      places.push(p);
      this.cycle.push(agency);
    }
    this.weights = agencies.map((a) => [a, a.weight] as const);
  }

  /** The agency of background person, company or (in turn) order `i`. */
  agencyAt(i: number): AgencyProfile {
    return this.cycle[i % this.cycle.length]!;
  }

  /** Record `i`'s rank among its agency's records of the same kind: 0, 1, 2, … */
  rankOf(i: number): number {
    const p = i % this.cycle.length;
    return Math.floor(i / this.cycle.length) * this.positions.get(this.cycle[p]!)!.length + this.rankInCycle[p]!;
  }

  /** The index of one of `agency`'s records among the first `count`, chosen by `rng`; undefined when it has none. */
  pickIndexOf(rng: Rng, agency: AgencyProfile, count: number): number | undefined {
    const places = this.positions.get(agency) ?? [];
    const n = places.length * Math.floor(count / this.cycle.length) + places.filter((p) => p < count % this.cycle.length).length;
    if (n === 0) return undefined;
    const t = rng.int(0, n - 1);
    return places[t % places.length]! + this.cycle.length * Math.floor(t / places.length);
  }

  /** An agency by weight (seizures). */
  draw(rng: Rng): AgencyProfile {
    return rng.weighted(this.weights);
  }

  /** The agency of background order `o`. */
  orderAgency(o: number, rng: Rng): AgencyProfile {
    return this.ordersInTurn ? this.agencyAt(o) : this.draw(rng);
  }
}

/** The demo: persons and companies round robin over the eight agencies, orders by weight. */
export const DEMO_AGENCIES = new AgencyCatalogue(AGENCIES, () => 1, false);
