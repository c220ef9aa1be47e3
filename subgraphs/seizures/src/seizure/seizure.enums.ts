import { registerEnumType } from "type-graphql";

/** CEN-style commodity categories of a seizure case. */
export enum CommodityCategory {
  DRUGS = "DRUGS",
  TOBACCO = "TOBACCO",
  ALCOHOL = "ALCOHOL",
  IPR_COUNTERFEITS = "IPR_COUNTERFEITS",
  MEDICINES = "MEDICINES",
  CITES_WILDLIFE = "CITES_WILDLIFE",
  HAZARDOUS_WASTE = "HAZARDOUS_WASTE",
  OZONE_DEPLETING_SUBSTANCES = "OZONE_DEPLETING_SUBSTANCES",
  WEAPONS_AMMUNITION = "WEAPONS_AMMUNITION",
  EXPLOSIVES = "EXPLOSIVES",
  STRATEGIC_DUAL_USE = "STRATEGIC_DUAL_USE",
  CURRENCY_BEARER_INSTRUMENTS = "CURRENCY_BEARER_INSTRUMENTS",
  PRECURSORS = "PRECURSORS",
  CULTURAL_HERITAGE = "CULTURAL_HERITAGE",
  NPS = "NPS",
  OTHER = "OTHER",
}
registerEnumType(CommodityCategory, {
  name: "CommodityCategory",
  description: "Commodity category of a seizure case (CEN categories).",
  valuesConfig: {
    DRUGS: { description: "Narcotic drugs and psychotropic substances." },
    TOBACCO: { description: "Cigarettes, cigars, raw and other tobacco products." },
    ALCOHOL: { description: "Alcohol and alcoholic beverages." },
    IPR_COUNTERFEITS: { description: "Goods infringing intellectual property rights (counterfeit and pirated goods)." },
    MEDICINES: { description: "Medicines, including falsified and unauthorised medical products." },
    CITES_WILDLIFE: { description: "Fauna and flora protected under CITES (specimens, parts and derivatives)." },
    HAZARDOUS_WASTE: { description: "Hazardous and other waste under the Basel Convention." },
    OZONE_DEPLETING_SUBSTANCES: { description: "Ozone-depleting substances and fluorinated gases (Montreal Protocol)." },
    WEAPONS_AMMUNITION: { description: "Firearms, their parts and ammunition." },
    EXPLOSIVES: { description: "Explosives and pyrotechnics." },
    STRATEGIC_DUAL_USE: { description: "Strategic and dual-use goods under export control." },
    CURRENCY_BEARER_INSTRUMENTS: { description: "Cash and bearer negotiable instruments." },
    PRECURSORS: { description: "Drug precursors (scheduled chemicals)." },
    CULTURAL_HERITAGE: { description: "Cultural goods and antiquities." },
    NPS: { description: "New psychoactive substances." },
    OTHER: { description: "Any other commodity." },
  },
});

/** Units a seized quantity is counted or measured in. */
export enum QuantityUnit {
  KG = "KG",
  G = "G",
  TONNES = "TONNES",
  L = "L",
  ML = "ML",
  M3 = "M3",
  PIECES = "PIECES",
  PAIRS = "PAIRS",
  PACKS = "PACKS",
  STICKS = "STICKS",
  CARTONS = "CARTONS",
  BOTTLES = "BOTTLES",
  TABLETS = "TABLETS",
  AMPOULES = "AMPOULES",
  SPECIMENS = "SPECIMENS",
}
registerEnumType(QuantityUnit, {
  name: "QuantityUnit",
  description: "Unit of a seized quantity.",
  valuesConfig: {
    KG: { description: "Kilograms." },
    G: { description: "Grams." },
    TONNES: { description: "Metric tonnes (1,000 kg)." },
    L: { description: "Litres." },
    ML: { description: "Millilitres." },
    M3: { description: "Cubic metres." },
    PIECES: { description: "Pieces (items counted one by one)." },
    PAIRS: { description: "Pairs (shoes, gloves)." },
    PACKS: { description: "Packs (e.g. packs of 20 cigarettes)." },
    STICKS: { description: "Sticks (single cigarettes or cigars)." },
    CARTONS: { description: "Cartons (e.g. 10 packs of cigarettes)." },
    BOTTLES: { description: "Bottles." },
    TABLETS: { description: "Tablets, pills or capsules." },
    AMPOULES: { description: "Ampoules or vials." },
    SPECIMENS: { description: "Specimens (CITES: whole animals or plants, parts or derivatives)." },
  },
});

/** CITES appendix a species is listed in. */
export enum CitesAppendix {
  I = "I",
  II = "II",
  III = "III",
}
registerEnumType(CitesAppendix, {
  name: "CitesAppendix",
  description: "CITES appendix the species is listed in.",
  valuesConfig: {
    I: { description: "Appendix I: species threatened with extinction; commercial trade prohibited." },
    II: { description: "Appendix II: trade controlled to avoid use incompatible with survival." },
    III: { description: "Appendix III: protected in at least one country that asked for help in controlling trade." },
  },
});

/** How the goods were found. */
export enum DetectionMethod {
  RISK_PROFILING = "RISK_PROFILING",
  XRAY_SCANNER = "XRAY_SCANNER",
  SNIFFER_DOG = "SNIFFER_DOG",
  PHYSICAL_EXAMINATION = "PHYSICAL_EXAMINATION",
  INTELLIGENCE_TIP = "INTELLIGENCE_TIP",
  RANDOM_CHECK = "RANDOM_CHECK",
  DOCUMENT_CHECK = "DOCUMENT_CHECK",
  OTHER = "OTHER",
}
registerEnumType(DetectionMethod, {
  name: "DetectionMethod",
  description: "How the goods were detected.",
  valuesConfig: {
    RISK_PROFILING: { description: "Selected by risk analysis or profiling." },
    XRAY_SCANNER: { description: "X-ray or other scanning equipment." },
    SNIFFER_DOG: { description: "Detector dog." },
    PHYSICAL_EXAMINATION: { description: "Physical examination of goods, baggage or conveyance." },
    INTELLIGENCE_TIP: { description: "Prior intelligence or a tip-off." },
    RANDOM_CHECK: { description: "Random control." },
    DOCUMENT_CHECK: { description: "Examination of documents or declarations." },
    OTHER: { description: "Any other method." },
  },
});

/** Mode of transport of the seized goods. */
export enum ConveyanceMode {
  AIR = "AIR",
  SEA = "SEA",
  ROAD = "ROAD",
  RAIL = "RAIL",
  POSTAL = "POSTAL",
  EXPRESS = "EXPRESS",
  PEDESTRIAN = "PEDESTRIAN",
}
registerEnumType(ConveyanceMode, {
  name: "ConveyanceMode",
  description: "Mode of transport of the seized goods.",
  valuesConfig: {
    AIR: { description: "Air (passenger or cargo flight)." },
    SEA: { description: "Sea (vessel, container, ferry)." },
    ROAD: { description: "Road (car, lorry, bus)." },
    RAIL: { description: "Rail." },
    POSTAL: { description: "Postal item (UPU network)." },
    EXPRESS: { description: "Express courier consignment." },
    PEDESTRIAN: { description: "On foot: at a land border, or inland (street, market)." },
  },
});

/** Role of a place in a route. */
export enum RouteRole {
  DEPARTURE = "DEPARTURE",
  TRANSIT = "TRANSIT",
  DESTINATION = "DESTINATION",
}
registerEnumType(RouteRole, {
  name: "RouteRole",
  description: "Role of a place in the route of the goods.",
  valuesConfig: {
    DEPARTURE: { description: "Where the goods started their journey (first leg)." },
    TRANSIT: { description: "A place the goods passed through." },
    DESTINATION: { description: "Where the goods were going (last leg)." },
  },
});

/** How the goods were hidden. */
export enum ConcealmentMethod {
  BODY_CARRY = "BODY_CARRY",
  INGESTION = "INGESTION",
  LUGGAGE_FALSE_BOTTOM = "LUGGAGE_FALSE_BOTTOM",
  HIDDEN_IN_GOODS = "HIDDEN_IN_GOODS",
  VEHICLE_COMPARTMENT = "VEHICLE_COMPARTMENT",
  CONTAINER = "CONTAINER",
  POSTAL_ITEM = "POSTAL_ITEM",
  CLOTHING = "CLOTHING",
  MISDECLARATION = "MISDECLARATION",
  OTHER = "OTHER",
}
registerEnumType(ConcealmentMethod, {
  name: "ConcealmentMethod",
  description: "How the goods were concealed.",
  valuesConfig: {
    BODY_CARRY: { description: "Strapped to or carried on the body." },
    INGESTION: { description: "Swallowed or inserted into the body." },
    LUGGAGE_FALSE_BOTTOM: { description: "False bottom or lining of luggage." },
    HIDDEN_IN_GOODS: { description: "Hidden inside or among legitimate goods." },
    VEHICLE_COMPARTMENT: { description: "Natural void or built compartment of a vehicle." },
    CONTAINER: { description: "In a container (structure, reefer unit, rip-on/rip-off)." },
    POSTAL_ITEM: { description: "Inside a postal or express item." },
    CLOTHING: { description: "In clothing or shoes worn." },
    MISDECLARATION: { description: "Not hidden but misdeclared (wrong description, value or origin)." },
    OTHER: { description: "Any other concealment." },
  },
});

/** The offence the case is about. */
export enum OffenceType {
  SMUGGLING = "SMUGGLING",
  MISDECLARATION = "MISDECLARATION",
  IPR_INFRINGEMENT = "IPR_INFRINGEMENT",
  PROHIBITED_GOODS = "PROHIBITED_GOODS",
  TAX_EVASION = "TAX_EVASION",
  MONEY_LAUNDERING = "MONEY_LAUNDERING",
  OTHER = "OTHER",
}
registerEnumType(OffenceType, {
  name: "OffenceType",
  description: "Type of offence.",
  valuesConfig: {
    SMUGGLING: { description: "Smuggling: goods moved across the border avoiding customs control." },
    MISDECLARATION: { description: "False declaration of description, quantity, value or origin." },
    IPR_INFRINGEMENT: { description: "Infringement of intellectual property rights." },
    PROHIBITED_GOODS: { description: "Import or export of prohibited or restricted goods without licence." },
    TAX_EVASION: { description: "Evasion of duties, excise or VAT." },
    MONEY_LAUNDERING: { description: "Money laundering, including undeclared cash." },
    OTHER: { description: "Any other offence." },
  },
});
