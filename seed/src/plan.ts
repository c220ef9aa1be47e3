/**
 * The shape of a generated data set: records as the GraphQL inputs they are sent as, and references between
 * records by natural key (see `keys`), which the loader turns into hub ids as the records are created.
 */

export type Tlp = "CLEAR" | "GREEN" | "AMBER" | "AMBER_STRICT" | "RED";
export type ReviewStatus = "DRAFT" | "SUBMITTED" | "VALIDATED" | "RETURNED";
export type ConveyanceMode = "AIR" | "SEA" | "ROAD" | "RAIL" | "POSTAL" | "EXPRESS" | "PEDESTRIAN";
export type CommodityCategory =
  | "DRUGS"
  | "TOBACCO"
  | "ALCOHOL"
  | "IPR_COUNTERFEITS"
  | "MEDICINES"
  | "CITES_WILDLIFE"
  | "HAZARDOUS_WASTE"
  | "OZONE_DEPLETING_SUBSTANCES"
  | "WEAPONS_AMMUNITION"
  | "EXPLOSIVES"
  | "STRATEGIC_DUAL_USE"
  | "CURRENCY_BEARER_INSTRUMENTS"
  | "PRECURSORS"
  | "CULTURAL_HERITAGE"
  | "NPS"
  | "OTHER";
export type DetectionMethod =
  | "RISK_PROFILING"
  | "XRAY_SCANNER"
  | "SNIFFER_DOG"
  | "PHYSICAL_EXAMINATION"
  | "INTELLIGENCE_TIP"
  | "RANDOM_CHECK"
  | "DOCUMENT_CHECK"
  | "OTHER";
export type OffenceType = "SMUGGLING" | "MISDECLARATION" | "IPR_INFRINGEMENT" | "PROHIBITED_GOODS" | "TAX_EVASION" | "MONEY_LAUNDERING" | "OTHER";
export type ConcealmentMethod =
  | "BODY_CARRY"
  | "INGESTION"
  | "LUGGAGE_FALSE_BOTTOM"
  | "HIDDEN_IN_GOODS"
  | "VEHICLE_COMPARTMENT"
  | "CONTAINER"
  | "POSTAL_ITEM"
  | "CLOTHING"
  | "MISDECLARATION"
  | "OTHER";
export type QuantityUnit =
  | "KG"
  | "G"
  | "TONNES"
  | "L"
  | "ML"
  | "M3"
  | "PIECES"
  | "PAIRS"
  | "PACKS"
  | "STICKS"
  | "CARTONS"
  | "BOTTLES"
  | "TABLETS"
  | "AMPOULES"
  | "SPECIMENS";
export type DeliveryMode = "POSTAL" | "EXPRESS" | "FREIGHT";
export type PaymentMethod = "CARD" | "BANK_TRANSFER" | "E_WALLET" | "CASH_ON_DELIVERY" | "CRYPTO" | "OTHER";
export type ShipmentEventType = "ACCEPTED" | "DEPARTED" | "ARRIVED" | "CUSTOMS_HOLD" | "SEIZED" | "DELIVERED" | "RETURNED";
export type DocumentType = "PASSPORT" | "ID_CARD" | "DRIVING_LICENCE" | "RESIDENCE_PERMIT" | "OTHER";

export interface MarkingsInput {
  handling: "H0" | "H1" | "H2" | "H3";
  tlp: Tlp;
  sourceReliability: "A" | "B" | "C" | "X";
  informationAccuracy: "CONFIRMED" | "KNOWN_TO_SOURCE" | "NOT_KNOWN_TO_SOURCE" | "CANNOT_BE_JUDGED";
}

export interface AddressInput {
  street: string;
  postcode?: string;
  city: string;
  country: string;
}

export interface IdentityDocumentInput {
  type: DocumentType;
  number: string;
  issuingCountry: string;
  expiry: string;
}

export interface PersonInput {
  reference: string;
  givenNames: string;
  familyName: string;
  aliases?: string[];
  dateOfBirth: string;
  gender: "FEMALE" | "MALE";
  nationalities: string[];
  phones: string[];
  emails: string[];
  addresses: AddressInput[];
  bankAccounts: Array<{ iban: string; bic?: string }>;
  identityDocuments: IdentityDocumentInput[];
  markings: MarkingsInput;
}

export interface CompanyInput {
  name: string;
  registrationNumber: string;
  registrationCountry: string;
  legalForm: string;
  phones: string[];
  emails: string[];
  addresses: AddressInput[];
  bankAccounts: Array<{ iban: string; bic?: string }>;
  markings: MarkingsInput;
}

export interface GoodsItemInput {
  hsCode?: string;
  description: string;
  quantity: number;
  unit: QuantityUnit;
  estimatedValue: number;
  currency: string;
  speciesName?: string;
  citesAppendix?: "I" | "II" | "III";
}

export interface ConveyanceInput {
  mode: ConveyanceMode;
  carrierName?: string;
  airlineCode?: string;
  flightNumber?: string;
  voyageNumber?: string;
  vesselImo?: string;
  vehicleRegistration?: string;
}

export interface RouteLegInput {
  seq: number;
  role: "DEPARTURE" | "TRANSIT" | "DESTINATION";
  locode?: string;
  country?: string;
  departedAt?: string;
}

/** A seizure input without its review status and offenders, which the loader handles. */
export interface SeizureInput {
  caseNumber: string;
  seizedAt: string;
  placeLocode: string;
  commodity: CommodityCategory;
  goods: GoodsItemInput[];
  detectionMethod: DetectionMethod;
  offenceType: OffenceType;
  conveyance: ConveyanceInput;
  route: RouteLegInput[];
  concealment: { method: ConcealmentMethod; description?: string };
  markings: MarkingsInput;
}

export interface DeclaredPartyInput {
  name: string;
  address?: { street?: string; city?: string; postcode?: string; country?: string };
  phone?: string;
  email?: string;
}

export interface OrderItemInput {
  description: string;
  hsCode?: string;
  quantity: number;
  unitValue: number;
  currency?: string;
  originCountry: string;
}

export interface OrderInput {
  platform: string;
  orderNumber: string;
  orderDate: string;
  buyer: DeclaredPartyInput;
  seller: DeclaredPartyInput;
  items: OrderItemInput[];
  deliveryLocode: string;
  totalValue: number;
  currency: string;
  markings: MarkingsInput;
}

export interface PaymentAccountInput {
  iban?: string;
  bic?: string;
  identifier?: string;
  holderName?: string;
}

export interface PaymentInput {
  provider: string;
  transactionId: string;
  method: PaymentMethod;
  amount: number;
  currency: string;
  paidAt: string;
  payer: PaymentAccountInput;
  payee: PaymentAccountInput;
  markings: MarkingsInput;
}

export interface ShipmentEventInput {
  time: string;
  type: ShipmentEventType;
  place?: string;
  note?: string;
}

export interface ShipmentInput {
  trackingNumber: string;
  carrier: string;
  deliveryMode: DeliveryMode;
  consignor: DeclaredPartyInput;
  consignee: DeclaredPartyInput;
  originLocode: string;
  destinationLocode: string;
  grossWeightKg: number;
  pieces: number;
  declaredValue: number;
  currency: string;
  goodsDescription: string;
  hsCodes: string[];
  shippedAt: string;
  events: ShipmentEventInput[];
  markings: MarkingsInput;
}

export interface PlanAgency {
  code: string;
  country: string;
  name: string;
}

/** Every record: its natural key (see `keys`) and the agency that owns it (whose token sends it). */
interface PlanRecord {
  key: string;
  agency: string;
}

export interface PlanPerson extends PlanRecord {
  input: PersonInput;
}

export interface PlanCompany extends PlanRecord {
  input: CompanyInput;
}

/** A relationship recorded by `agency` (which must own `person`): associates, or a role in a company. */
export interface PlanLink extends PlanRecord {
  type: "ASSOCIATE_OF" | "DIRECTOR_OF" | "EMPLOYED_BY";
  person: string;
  /** A person (ASSOCIATE_OF) or company (DIRECTOR_OF, EMPLOYED_BY) key. */
  other: string;
  since: string;
}

export interface PlanSeizure extends PlanRecord {
  input: SeizureInput;
  /** Person and company keys. */
  offenders: string[];
  /** Where the case stands once loaded: VALIDATED and RETURNED go through the supervisor's review. */
  reviewStatus: ReviewStatus;
  returnReason?: string;
}

export interface PlanOrder extends PlanRecord {
  input: OrderInput;
  /** The known party the agency resolved the declared buyer / seller to, if any. */
  buyer?: string;
  seller?: string;
}

export interface PlanPayment extends PlanRecord {
  input: PaymentInput;
  order?: string;
}

export interface PlanShipment extends PlanRecord {
  input: ShipmentInput;
  order?: string;
  seizure?: string;
  consignor?: string;
  consignee?: string;
}

export interface PlanOperation extends PlanRecord {
  name: string;
  memberAgencies: string[];
  /** The operation ends this many days after it is opened (the plan has no wall-clock dates in the future). */
  endsInDays: number;
  retentionDays: number;
  /** Keys of the records shared into it, each by the agency that owns it (a member). */
  records: string[];
  /**
   * `exchange`: opened as soon as the parties are loaded, so that the ring's agencies may name each other's
   * members in their own records (an agency names only parties it may read); `joint`: once everything is loaded.
   */
  stage: "exchange" | "joint";
}

/** The identifier a ring's members have in common, in normalised form. */
export interface SharedIdentifier {
  kind: "Phone" | "Address" | "BankAccount" | "Email" | "ConsigneeCompany";
  /** E.164 phone, identifier key of an address, IBAN, e-mail, or the company key. */
  value: string;
}

/** A planted network: who is in it, what links them, and the records that show it. */
export interface PlanRing {
  index: number;
  name: string;
  agencies: string[];
  shared: SharedIdentifier[];
  persons: string[];
  companies: string[];
  seizures: string[];
  orders: string[];
  payments: string[];
  shipments: string[];
  links: string[];
}

export interface DatasetPlan {
  scale: "demo";
  seed: number;
  agencies: PlanAgency[];
  persons: PlanPerson[];
  companies: PlanCompany[];
  links: PlanLink[];
  seizures: PlanSeizure[];
  orders: PlanOrder[];
  payments: PlanPayment[];
  shipments: PlanShipment[];
  operations: PlanOperation[];
  rings: PlanRing[];
}

/** Natural keys: the same strings the hub uses to make upserts idempotent, prefixed with the record type. */
export const keys = {
  person: (agency: string, reference: string) => `Person|${agency}|${reference}`,
  company: (agency: string, country: string, registration: string) => `Company|${agency}|${country}|${registration}`,
  seizure: (agency: string, caseNumber: string) => `Seizure|${agency}|${caseNumber}`,
  order: (agency: string, platform: string, orderNumber: string) => `Order|${agency}|${platform}|${orderNumber}`,
  payment: (agency: string, provider: string, transactionId: string) => `Payment|${agency}|${provider}|${transactionId}`,
  shipment: (agency: string, carrier: string, trackingNumber: string) => `Shipment|${agency}|${carrier}|${trackingNumber}`,
  link: (agency: string, type: string, person: string, other: string) => `Link|${agency}|${type}|${person}|${other}`,
  operation: (agency: string, name: string) => `Operation|${agency}|${name}`,
};
