/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AddressInput = {
  city: string;
  country: string;
  postcode?: string | null | undefined;
  street: string;
};

export type AssociationInput = {
  associateId: string | number;
  kind?: AssociationKind | null | undefined;
  personId: string | number;
  since?: string | null | undefined;
  until?: string | null | undefined;
};

export type AssociationKind =
  | 'ASSOCIATE'
  | 'BUSINESS_ASSOCIATE'
  | 'COMMUNICATES_WITH'
  | 'EMPLOYEE'
  | 'FAMILY'
  | 'PARTNER';

export type BankAccountInput = {
  bic?: string | null | undefined;
  iban: string;
};

export type CitesAppendix =
  | 'I'
  | 'II'
  | 'III';

export type CommodityCategory =
  | 'ALCOHOL'
  | 'CITES_WILDLIFE'
  | 'CULTURAL_HERITAGE'
  | 'CURRENCY_BEARER_INSTRUMENTS'
  | 'DRUGS'
  | 'EXPLOSIVES'
  | 'HAZARDOUS_WASTE'
  | 'IPR_COUNTERFEITS'
  | 'MEDICINES'
  | 'NPS'
  | 'OTHER'
  | 'OZONE_DEPLETING_SUBSTANCES'
  | 'PRECURSORS'
  | 'STRATEGIC_DUAL_USE'
  | 'TOBACCO'
  | 'WEAPONS_AMMUNITION';

export type CompanyInput = {
  addresses?: Array<AddressInput> | null | undefined;
  bankAccounts?: Array<BankAccountInput> | null | undefined;
  emails?: Array<string> | null | undefined;
  legalForm?: string | null | undefined;
  markings?: MarkingsInput | null | undefined;
  name: string;
  phones?: Array<string> | null | undefined;
  registrationCountry?: string | null | undefined;
  registrationNumber?: string | null | undefined;
};

export type CompanyRoleInput = {
  companyId: string | number;
  personId: string | number;
  role: CompanyRoleType;
  since?: string | null | undefined;
  until?: string | null | undefined;
};

export type CompanyRoleType =
  | 'BENEFICIAL_OWNER'
  | 'DIRECTOR'
  | 'EMPLOYEE'
  | 'INTERMEDIARY'
  | 'NOMINEE_DIRECTOR'
  | 'NOMINEE_SHAREHOLDER'
  | 'OFFICER'
  | 'REGISTERED_AGENT'
  | 'SECRETARY'
  | 'SHAREHOLDER';

export type ConcealmentInput = {
  description?: string | null | undefined;
  method: ConcealmentMethod;
};

export type ConcealmentMethod =
  | 'BODY_CARRY'
  | 'CLOTHING'
  | 'CONTAINER'
  | 'HIDDEN_IN_GOODS'
  | 'INGESTION'
  | 'LUGGAGE_FALSE_BOTTOM'
  | 'MISDECLARATION'
  | 'OTHER'
  | 'POSTAL_ITEM'
  | 'VEHICLE_COMPARTMENT';

export type ConveyanceInput = {
  airlineCode?: string | null | undefined;
  carrierName?: string | null | undefined;
  flightNumber?: string | null | undefined;
  mode: ConveyanceMode;
  vehicleRegistration?: string | null | undefined;
  vesselImo?: string | null | undefined;
  voyageNumber?: string | null | undefined;
};

export type ConveyanceMode =
  | 'AIR'
  | 'EXPRESS'
  | 'PEDESTRIAN'
  | 'POSTAL'
  | 'RAIL'
  | 'ROAD'
  | 'SEA';

export type DeclaredAddressInput = {
  city?: string | null | undefined;
  country?: string | null | undefined;
  postcode?: string | null | undefined;
  street?: string | null | undefined;
};

export type DeclaredPartyInput = {
  address?: DeclaredAddressInput | null | undefined;
  email?: string | null | undefined;
  name: string;
  phone?: string | null | undefined;
};

export type DeliveryMode =
  | 'EXPRESS'
  | 'FREIGHT'
  | 'POSTAL';

export type DetectionMethod =
  | 'DOCUMENT_CHECK'
  | 'INTELLIGENCE_TIP'
  | 'OTHER'
  | 'PHYSICAL_EXAMINATION'
  | 'RANDOM_CHECK'
  | 'RISK_PROFILING'
  | 'SNIFFER_DOG'
  | 'XRAY_SCANNER';

export type Gender =
  | 'FEMALE'
  | 'MALE'
  | 'UNSPECIFIED';

export type GoodsItemInput = {
  citesAppendix?: CitesAppendix | null | undefined;
  currency?: string | null | undefined;
  description: string;
  estimatedValue?: number | null | undefined;
  hsCode?: string | null | undefined;
  quantity: number;
  speciesName?: string | null | undefined;
  unit: QuantityUnit;
};

export type HandlingCode =
  | 'H0'
  | 'H1'
  | 'H2'
  | 'H3';

export type IdentityDocumentInput = {
  expiry?: string | null | undefined;
  issuingCountry: string;
  number: string;
  type: IdentityDocumentType;
};

export type IdentityDocumentType =
  | 'DRIVING_LICENCE'
  | 'ID_CARD'
  | 'OTHER'
  | 'PASSPORT'
  | 'RESIDENCE_PERMIT';

export type ImportErrorCode =
  | 'FILE_REJECTED'
  | 'INVALID_BOOLEAN'
  | 'INVALID_CODE'
  | 'INVALID_DATE'
  | 'INVALID_ENUM'
  | 'INVALID_FORMAT'
  | 'INVALID_NUMBER'
  | 'INVALID_VALUE'
  | 'MALFORMED_ROW'
  | 'REFERENCE_NOT_FOUND'
  | 'REQUIRED'
  | 'UNKNOWN_FIELD'
  | 'WRITE_FAILED';

export type ImportFileFormat =
  | 'csv'
  | 'json'
  | 'ndjson'
  | 'xlsx'
  | 'xml';

export type ImportJobStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'INTERRUPTED'
  | 'RUNNING';

export type InformationAccuracy =
  | 'CANNOT_BE_JUDGED'
  | 'CONFIRMED'
  | 'KNOWN_TO_SOURCE'
  | 'NOT_KNOWN_TO_SOURCE';

export type MarkingsInput = {
  handling?: HandlingCode;
  informationAccuracy?: InformationAccuracy;
  sourceReliability?: SourceReliability;
  tlp?: Tlp;
};

export type OffenceType =
  | 'IPR_INFRINGEMENT'
  | 'MISDECLARATION'
  | 'MONEY_LAUNDERING'
  | 'OTHER'
  | 'PROHIBITED_GOODS'
  | 'SMUGGLING'
  | 'TAX_EVASION';

export type OpenOperationInput = {
  endsAt: string;
  memberAgencies: Array<string>;
  name: string;
  retentionDays?: number;
};

export type OperationStatus =
  | 'CLOSED'
  | 'OPEN';

export type OrderInput = {
  buyer?: DeclaredPartyInput | null | undefined;
  buyerPartyId?: string | number | null | undefined;
  currency?: string | null | undefined;
  deliveryCountry?: string | null | undefined;
  deliveryLocode?: string | null | undefined;
  items: Array<OrderItemInput>;
  markings?: MarkingsInput | null | undefined;
  orderDate: string;
  orderNumber: string;
  platform: string;
  seller?: DeclaredPartyInput | null | undefined;
  sellerPartyId?: string | number | null | undefined;
  totalValue?: number | null | undefined;
};

export type OrderItemInput = {
  currency?: string | null | undefined;
  description: string;
  hsCode?: string | null | undefined;
  originCountry?: string | null | undefined;
  quantity?: number | null | undefined;
  unitValue?: number | null | undefined;
};

export type PaymentAccountInput = {
  bic?: string | null | undefined;
  holderName?: string | null | undefined;
  iban?: string | null | undefined;
  identifier?: string | null | undefined;
};

export type PaymentInput = {
  amount: number;
  currency: string;
  markings?: MarkingsInput | null | undefined;
  method: PaymentMethod;
  orderId?: string | number | null | undefined;
  paidAt: string;
  payee?: PaymentAccountInput | null | undefined;
  payer?: PaymentAccountInput | null | undefined;
  provider: string;
  transactionId: string;
};

export type PaymentMethod =
  | 'BANK_TRANSFER'
  | 'CARD'
  | 'CASH_ON_DELIVERY'
  | 'CRYPTO'
  | 'E_WALLET'
  | 'OTHER';

export type PersonInput = {
  addresses?: Array<AddressInput> | null | undefined;
  aliases?: Array<string> | null | undefined;
  bankAccounts?: Array<BankAccountInput> | null | undefined;
  dateOfBirth?: string | null | undefined;
  emails?: Array<string> | null | undefined;
  familyName?: string | null | undefined;
  fullName?: string | null | undefined;
  gender?: Gender | null | undefined;
  givenNames?: string | null | undefined;
  identityDocuments?: Array<IdentityDocumentInput> | null | undefined;
  markings?: MarkingsInput | null | undefined;
  nationalities?: Array<string> | null | undefined;
  phones?: Array<string> | null | undefined;
  reference?: string | null | undefined;
};

export type QualityRule =
  | 'CONVEYANCE_IMPLAUSIBLE'
  | 'DATE_IMPLAUSIBLE'
  | 'DUPLICATE_ACROSS_AGENCIES'
  | 'HS_CATEGORY_MISMATCH'
  | 'PLACE_FUNCTION_MISMATCH'
  | 'QUANTITY_OUTLIER'
  | 'VALUE_OUTLIER';

export type QualitySeverity =
  | 'ERROR'
  | 'INFO'
  | 'WARNING';

export type QuantityUnit =
  | 'AMPOULES'
  | 'BOTTLES'
  | 'CARTONS'
  | 'G'
  | 'KG'
  | 'L'
  | 'M3'
  | 'ML'
  | 'PACKS'
  | 'PAIRS'
  | 'PIECES'
  | 'SPECIMENS'
  | 'STICKS'
  | 'TABLETS'
  | 'TONNES';

export type ReviewStatus =
  | 'DRAFT'
  | 'RETURNED'
  | 'SUBMITTED'
  | 'VALIDATED';

export type RouteLegInput = {
  country?: string | null | undefined;
  departedAt?: string | null | undefined;
  locode?: string | null | undefined;
  role: RouteRole;
  seq: number;
};

export type RouteRole =
  | 'DEPARTURE'
  | 'DESTINATION'
  | 'TRANSIT';

export type SeizureFilter = {
  commodity?: CommodityCategory | null | undefined;
  conveyanceMode?: ConveyanceMode | null | undefined;
  country?: string | null | undefined;
  hsPrefix?: string | null | undefined;
  placeLocode?: string | null | undefined;
  reportingAgency?: string | null | undefined;
  reviewStatus?: ReviewStatus | null | undefined;
  seizedBefore?: string | null | undefined;
  seizedFrom?: string | null | undefined;
};

export type SeizureInput = {
  caseNumber: string;
  commodity: CommodityCategory;
  concealment?: ConcealmentInput | null | undefined;
  conveyance?: ConveyanceInput | null | undefined;
  detectionMethod?: DetectionMethod | null | undefined;
  goods?: Array<GoodsItemInput> | null | undefined;
  markings?: MarkingsInput | null | undefined;
  offenceType?: OffenceType | null | undefined;
  offenderIds?: Array<string | number> | null | undefined;
  placeLocode?: string | null | undefined;
  reviewStatus?: ReviewStatus | null | undefined;
  route?: Array<RouteLegInput> | null | undefined;
  seizedAt: string;
};

export type ShipmentEventInput = {
  note?: string | null | undefined;
  place?: string | null | undefined;
  time: string;
  type: ShipmentEventType;
};

export type ShipmentEventType =
  | 'ACCEPTED'
  | 'ARRIVED'
  | 'CUSTOMS_HOLD'
  | 'DELIVERED'
  | 'DEPARTED'
  | 'RETURNED'
  | 'SEIZED';

export type ShipmentInput = {
  carrier: string;
  consignee?: DeclaredPartyInput | null | undefined;
  consigneePartyId?: string | number | null | undefined;
  consignor?: DeclaredPartyInput | null | undefined;
  consignorPartyId?: string | number | null | undefined;
  currency?: string | null | undefined;
  declaredValue?: number | null | undefined;
  deliveryMode: DeliveryMode;
  destinationCountry?: string | null | undefined;
  destinationLocode?: string | null | undefined;
  events?: Array<ShipmentEventInput> | null | undefined;
  goodsDescription?: string | null | undefined;
  grossWeightKg?: number | null | undefined;
  hsCodes?: Array<string> | null | undefined;
  markings?: MarkingsInput | null | undefined;
  orderId?: string | number | null | undefined;
  originCountry?: string | null | undefined;
  originLocode?: string | null | undefined;
  pieces?: number | null | undefined;
  seizureId?: string | number | null | undefined;
  shippedAt?: string | null | undefined;
  trackingNumber: string;
};

export type SourceReliability =
  | 'A'
  | 'B'
  | 'C'
  | 'X';

export type Tlp =
  | 'AMBER'
  | 'AMBER_STRICT'
  | 'CLEAR'
  | 'GREEN'
  | 'RED';

export type OrderByNumberQueryVariables = Exact<{
  agency: string;
  platform: string;
  orderNumber: string;
}>;


export type OrderByNumberQuery = { orderByNumber: { id: string, platform: string, orderNumber: string, orderDate: string, totalValue: number | null, currency: string | null } | null };

export type PaymentByTransactionQueryVariables = Exact<{
  agency: string;
  provider: string;
  transactionId: string;
}>;


export type PaymentByTransactionQuery = { paymentByTransaction: { id: string, provider: string, transactionId: string, amount: number, currency: string, paidAt: string } | null };

export type ShipmentByTrackingQueryVariables = Exact<{
  agency: string;
  carrier: string;
  trackingNumber: string;
}>;


export type ShipmentByTrackingQuery = { shipmentByTracking: { id: string, trackingNumber: string, carrier: string, deliveryMode: DeliveryMode, originCountry: string | null, destinationCountry: string | null, seizure: { id: string, caseNumber: string } | null } | null };

export type UpsertOrderMutationVariables = Exact<{
  input: OrderInput;
}>;


export type UpsertOrderMutation = { upsertOrder: { id: string } };

export type UpsertPaymentMutationVariables = Exact<{
  input: PaymentInput;
}>;


export type UpsertPaymentMutation = { upsertPayment: { id: string } };

export type UpsertShipmentMutationVariables = Exact<{
  input: ShipmentInput;
}>;


export type UpsertShipmentMutation = { upsertShipment: { id: string } };

export type ImportJobQueryVariables = Exact<{
  id: string | number;
  errorsFirst?: number;
  errorsAfter?: string | null | undefined;
}>;


export type ImportJobQuery = { importJob: { id: string, kind: string, format: ImportFileFormat, status: ImportJobStatus, totalRows: number, accepted: number, rejected: number, flagged: number, errorCount: number, message: string | null, startedAt: string, finishedAt: string | null, reportJsonUrl: string, errors: Array<{ row: number, field: string, code: ImportErrorCode, message: string, cursor: string }> } | null };

export type OperationsQueryVariables = Exact<{ [key: string]: never; }>;


export type OperationsQuery = { operations: Array<{ id: string, name: string, leadAgency: string, status: OperationStatus }> };

export type OpenOperationMutationVariables = Exact<{
  input: OpenOperationInput;
}>;


export type OpenOperationMutation = { openOperation: { id: string } };

export type ShareIntoOperationMutationVariables = Exact<{
  id: string | number;
  recordIds: Array<string | number> | string | number;
}>;


export type ShareIntoOperationMutation = { shareIntoOperation: Array<string> };

export type PersonByReferenceQueryVariables = Exact<{
  agency: string;
  reference: string;
}>;


export type PersonByReferenceQuery = { personByReference: { id: string, reference: string | null, fullName: string | null, ownerAgency: string } | null };

export type CompanyByRegistrationQueryVariables = Exact<{
  agency: string;
  registrationCountry: string;
  registrationNumber: string;
}>;


export type CompanyByRegistrationQuery = { companyByRegistration: { id: string, name: string | null, registrationNumber: string | null, registrationCountry: string | null, ownerAgency: string } | null };

export type PersonWithLinksQueryVariables = Exact<{
  id: string | number;
  casesFirst?: number;
}>;


export type PersonWithLinksQuery = { person: { id: string, reference: string | null, fullName: string | null, dateOfBirth: string | null, nationalities: Array<string> | null, ownerAgency: string, markings: { tlp: Tlp, handling: HandlingCode }, phones: Array<{ number: string | null }> | null, emails: Array<{ address: string | null }> | null, addresses: Array<{ street: string | null, postcode: string | null, city: string, country: string }> | null, identityDocuments: Array<{ type: IdentityDocumentType, number: string | null, issuingCountry: string }> | null, associates: Array<{ since: string | null, person: { id: string, fullName: string | null } | null }> | null, companies: Array<{ role: CompanyRoleType, since: string | null, company: { id: string, name: string | null } | null }> | null, seizures: { nodes: Array<{ id: string, caseNumber: string, seizedAt: string, commodity: CommodityCategory }> } | null } | null };

export type UpsertPersonMutationVariables = Exact<{
  input: PersonInput;
}>;


export type UpsertPersonMutation = { upsertPerson: { id: string } };

export type UpsertCompanyMutationVariables = Exact<{
  input: CompanyInput;
}>;


export type UpsertCompanyMutation = { upsertCompany: { id: string } };

export type LinkAssociatesMutationVariables = Exact<{
  input: AssociationInput;
}>;


export type LinkAssociatesMutation = { linkAssociates: { id: string } };

export type LinkCompanyRoleMutationVariables = Exact<{
  input: CompanyRoleInput;
}>;


export type LinkCompanyRoleMutation = { linkCompanyRole: { id: string } };

export type SeizureSummaryFragment = { id: string, caseNumber: string, reportingAgency: string, reportingCountry: string, seizedAt: string, commodity: CommodityCategory, reviewStatus: ReviewStatus, place: { locode: string | null, country: string, name: string | null } | null };

export type SeizuresPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: SeizureFilter | null | undefined;
}>;


export type SeizuresPageQuery = { seizures: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, caseNumber: string, reportingAgency: string, reportingCountry: string, seizedAt: string, commodity: CommodityCategory, reviewStatus: ReviewStatus, place: { locode: string | null, country: string, name: string | null } | null }> } };

export type SeizureByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type SeizureByIdQuery = { seizure: { detectionMethod: DetectionMethod | null, offenceType: OffenceType | null, id: string, caseNumber: string, reportingAgency: string, reportingCountry: string, seizedAt: string, commodity: CommodityCategory, reviewStatus: ReviewStatus, conveyance: { mode: ConveyanceMode, carrierName: string | null, airlineCode: string | null, flightNumber: string | null } | null, concealment: { method: ConcealmentMethod, description: string | null } | null, goods: Array<{ seq: number, hsCode: string | null, description: string, quantity: number, unit: QuantityUnit, estimatedValue: number | null, currency: string | null }>, route: Array<{ seq: number, role: RouteRole, place: { locode: string | null, country: string } }>, qualityFlags: Array<{ rule: QualityRule, severity: QualitySeverity, field: string | null, explanation: string }>, shipments: Array<{ id: string, trackingNumber: string, carrier: string }> | null, place: { locode: string | null, country: string, name: string | null } | null } | null };

export type SeizureByCaseQueryVariables = Exact<{
  reportingAgency: string;
  caseNumber: string;
}>;


export type SeizureByCaseQuery = { seizureByCase: { id: string, caseNumber: string, reportingAgency: string, reportingCountry: string, seizedAt: string, commodity: CommodityCategory, reviewStatus: ReviewStatus, place: { locode: string | null, country: string, name: string | null } | null } | null };

export type UpsertSeizureMutationVariables = Exact<{
  input: SeizureInput;
}>;


export type UpsertSeizureMutation = { upsertSeizure: { id: string, caseNumber: string, reportingAgency: string, reportingCountry: string, seizedAt: string, commodity: CommodityCategory, reviewStatus: ReviewStatus, qualityFlags: Array<{ rule: QualityRule, severity: QualitySeverity, field: string | null }>, place: { locode: string | null, country: string, name: string | null } | null } };

export type SubmitSeizureMutationVariables = Exact<{
  id: string | number;
}>;


export type SubmitSeizureMutation = { submitSeizure: { id: string, reviewStatus: ReviewStatus } };

export type ValidateSeizureMutationVariables = Exact<{
  id: string | number;
  acknowledgeFlags?: boolean;
}>;


export type ValidateSeizureMutation = { validateSeizure: { id: string, reviewStatus: ReviewStatus } };

export type ReturnSeizureMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type ReturnSeizureMutation = { returnSeizure: { id: string, reviewStatus: ReviewStatus } };

export const SeizureSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeizureSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seizure"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"reportingAgency"}},{"kind":"Field","name":{"kind":"Name","value":"reportingCountry"}},{"kind":"Field","name":{"kind":"Name","value":"seizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"commodity"}},{"kind":"Field","name":{"kind":"Name","value":"reviewStatus"}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SeizureSummaryFragment, unknown>;
export const OrderByNumberDocument = {"__meta__":{"hash":"c90891795450bfc98e535a01c8396420870b71ab41c7751642cfa7018ef6e065"}} as unknown as DocumentNode<OrderByNumberQuery, OrderByNumberQueryVariables>;
export const PaymentByTransactionDocument = {"__meta__":{"hash":"2833b1cd7d292a99bae3f1a6c6f2a0850549a1fa1843577f778b00a6111968b0"}} as unknown as DocumentNode<PaymentByTransactionQuery, PaymentByTransactionQueryVariables>;
export const ShipmentByTrackingDocument = {"__meta__":{"hash":"898263f4e5e0edf43fbbb40bee11845e89f52b41420b3ce7e13f20b18b05952b"}} as unknown as DocumentNode<ShipmentByTrackingQuery, ShipmentByTrackingQueryVariables>;
export const UpsertOrderDocument = {"__meta__":{"hash":"10f0321cb8b15e0fe747b8811f90bad3511880434d76de3364ddde2bd7c67ffb"}} as unknown as DocumentNode<UpsertOrderMutation, UpsertOrderMutationVariables>;
export const UpsertPaymentDocument = {"__meta__":{"hash":"a656f0f6b4a55e56e7708cb16c1332eb2fbb26dd30d42c27db56009a0519ebca"}} as unknown as DocumentNode<UpsertPaymentMutation, UpsertPaymentMutationVariables>;
export const UpsertShipmentDocument = {"__meta__":{"hash":"baf3164c3da0a2063f551180242c5ba14d332a5719ade29e6d49573c9c14af89"}} as unknown as DocumentNode<UpsertShipmentMutation, UpsertShipmentMutationVariables>;
export const ImportJobDocument = {"__meta__":{"hash":"20351fd1a7921ffb20e5c5144884d9faf2eb4836cccb7173a80526c12f8d0e75"}} as unknown as DocumentNode<ImportJobQuery, ImportJobQueryVariables>;
export const OperationsDocument = {"__meta__":{"hash":"bc6e190482ab8f5b594d40215d2b7eeb4119b3e353ca2debbcb95f1b990bf06f"}} as unknown as DocumentNode<OperationsQuery, OperationsQueryVariables>;
export const OpenOperationDocument = {"__meta__":{"hash":"5112451d86f2820b76c5060f3a3a2f68c38c83ffbea97b19e782d25f675fb9c1"}} as unknown as DocumentNode<OpenOperationMutation, OpenOperationMutationVariables>;
export const ShareIntoOperationDocument = {"__meta__":{"hash":"41eafe2f7bbee3b279b717f72d118410d2eca9cb428d45391e4e7b692bf38b17"}} as unknown as DocumentNode<ShareIntoOperationMutation, ShareIntoOperationMutationVariables>;
export const PersonByReferenceDocument = {"__meta__":{"hash":"a4a3d7f9e85b233e08400971336b17b9712b3a134c0013ef7067bc1d50c47340"}} as unknown as DocumentNode<PersonByReferenceQuery, PersonByReferenceQueryVariables>;
export const CompanyByRegistrationDocument = {"__meta__":{"hash":"d751a5f2cedfd28a439f4667590ac40a76aa8b3fa4574d3e5101769a8a218560"}} as unknown as DocumentNode<CompanyByRegistrationQuery, CompanyByRegistrationQueryVariables>;
export const PersonWithLinksDocument = {"__meta__":{"hash":"5ba681401bfa5aa77c2acc43559cbfd3f1107eaed4f0eb94640a1bf6b3dfc3a4"}} as unknown as DocumentNode<PersonWithLinksQuery, PersonWithLinksQueryVariables>;
export const UpsertPersonDocument = {"__meta__":{"hash":"96f97a0125d390e4ff943957c843b7103997a993df24756fd4b830add75eec1a"}} as unknown as DocumentNode<UpsertPersonMutation, UpsertPersonMutationVariables>;
export const UpsertCompanyDocument = {"__meta__":{"hash":"3ee02125a4d353d13328fb99704e329377a9c61df47509708c485c755c54b8a7"}} as unknown as DocumentNode<UpsertCompanyMutation, UpsertCompanyMutationVariables>;
export const LinkAssociatesDocument = {"__meta__":{"hash":"e297e004d30aa71c58242fe7f2b47f3db18396233eac212446c23b0200b1b1b5"}} as unknown as DocumentNode<LinkAssociatesMutation, LinkAssociatesMutationVariables>;
export const LinkCompanyRoleDocument = {"__meta__":{"hash":"621347878fd068d055f709bffee8303e6e2f79537df16ba9154309e52643f8c7"}} as unknown as DocumentNode<LinkCompanyRoleMutation, LinkCompanyRoleMutationVariables>;
export const SeizuresPageDocument = {"__meta__":{"hash":"32f1f99cac6c7bff8dcff87e794d18b3c40f020fcefb4e1790f54da61533aa33"}} as unknown as DocumentNode<SeizuresPageQuery, SeizuresPageQueryVariables>;
export const SeizureByIdDocument = {"__meta__":{"hash":"8167bf757332cb9034a1384b4eb2fafe7b3bf5f7b489e9aaa51e7524ce69e30d"}} as unknown as DocumentNode<SeizureByIdQuery, SeizureByIdQueryVariables>;
export const SeizureByCaseDocument = {"__meta__":{"hash":"01768f3d5a28b727597f9e3147aceafba077e601e789cb164ed6e580c8907783"}} as unknown as DocumentNode<SeizureByCaseQuery, SeizureByCaseQueryVariables>;
export const UpsertSeizureDocument = {"__meta__":{"hash":"b8e3388f00d3ef4fb17c6de616cb61b3de83debcc28138179503b95be04ee467"}} as unknown as DocumentNode<UpsertSeizureMutation, UpsertSeizureMutationVariables>;
export const SubmitSeizureDocument = {"__meta__":{"hash":"3dad953027d055dbed010752caf80660a08037539069935f598f8c34b6be8a3f"}} as unknown as DocumentNode<SubmitSeizureMutation, SubmitSeizureMutationVariables>;
export const ValidateSeizureDocument = {"__meta__":{"hash":"04df4da05e41d2755b71b2b31abb455e54dca653aeac7ddefff6974d6f190389"}} as unknown as DocumentNode<ValidateSeizureMutation, ValidateSeizureMutationVariables>;
export const ReturnSeizureDocument = {"__meta__":{"hash":"746e888ebc769d7b902f24a9e36e1e3cedb4e33007329fcc050ffdeb6333c094"}} as unknown as DocumentNode<ReturnSeizureMutation, ReturnSeizureMutationVariables>;
