import {
  AirlineCodeScalar,
  CountryCodeScalar,
  CurrencyCodeScalar,
  DateTimeScalar,
  HSCodeScalar,
  MarkingsInput,
  Multiline,
  UNLocodeScalar,
} from "@cix/core";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { ReviewStatus } from "../review/review-status.js";
import {
  CitesAppendix,
  CommodityCategory,
  ConcealmentMethod,
  ConveyanceMode,
  DetectionMethod,
  OffenceType,
  QuantityUnit,
  RouteRole,
} from "./seizure.enums.js";

@InputType({ description: "One line of seized goods." })
export class GoodsItemInput {
  @Field(() => HSCodeScalar, { nullable: true, description: "HS 2022 code of the goods (or a national 8/10-digit code)." })
  hsCode?: string | null;

  @Multiline()
  @Field(() => String, { description: "Description of the goods as seized (1 to 1,000 characters)." })
  description: string;

  @Field(() => Float, { description: "Quantity seized; must be greater than 0." })
  quantity: number;

  @Field(() => QuantityUnit, { description: "Unit of the quantity." })
  unit: QuantityUnit;

  @Field(() => Float, { nullable: true, description: "Estimated value, 0 or more; needs `currency`." })
  estimatedValue?: number | null;

  @Field(() => CurrencyCodeScalar, { nullable: true, description: "Currency of the estimated value." })
  currency?: string | null;

  @Field(() => String, { nullable: true, description: "Scientific name of the species (CITES goods)." })
  speciesName?: string | null;

  @Field(() => CitesAppendix, { nullable: true, description: "CITES appendix the species is listed in." })
  citesAppendix?: CitesAppendix | null;
}

@InputType({ description: "The means of transport the goods were found in or on." })
export class ConveyanceInput {
  @Field(() => ConveyanceMode, { description: "Mode of transport." })
  mode: ConveyanceMode;

  @Field(() => String, { nullable: true, description: "Name of the carrier." })
  carrierName?: string | null;

  @Field(() => AirlineCodeScalar, { nullable: true, description: "IATA designator of the airline." })
  airlineCode?: string | null;

  @Field(() => String, { nullable: true, description: "Flight number: airline designator and 1 to 4 digits, optional suffix letter, e.g. \"KL1234\"." })
  flightNumber?: string | null;

  @Field(() => String, { nullable: true, description: "Voyage, train or trip number." })
  voyageNumber?: string | null;

  @Field(() => String, { nullable: true, description: "IMO number of the vessel: 7 digits with a valid check digit, optionally prefixed \"IMO\"." })
  vesselImo?: string | null;

  @Field(() => String, { nullable: true, description: "Registration plate of the vehicle (letters, digits, spaces, hyphens)." })
  vehicleRegistration?: string | null;
}

@InputType({ description: "One stop on the route: a UN/LOCODE, or only a country when the place is not known more precisely." })
export class RouteLegInput {
  @Field(() => Int, { description: "Position in the route; legs are numbered 1, 2, 3, … without gaps." })
  seq: number;

  @Field(() => RouteRole, { description: "DEPARTURE for the first leg, DESTINATION for the last, TRANSIT in between." })
  role: RouteRole;

  @Field(() => UNLocodeScalar, { nullable: true, description: "UN/LOCODE of the place." })
  locode?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of the place; required without a locode, must match the locode's country with one." })
  country?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "When the goods left this place (departure and transit legs), if known. Times must not go backwards along the route; a seizure " +
      "before the departure is flagged (DATE_IMPLAUSIBLE).",
  })
  departedAt?: Date | null;
}

@InputType({ description: "How the goods were hidden." })
export class ConcealmentInput {
  @Field(() => ConcealmentMethod, { description: "Concealment method." })
  method: ConcealmentMethod;

  @Multiline()
  @Field(() => String, { nullable: true, description: "Free-text description (up to 2,000 characters)." })
  description?: string | null;
}

@InputType({
  description:
    "A seizure case to create or replace. The case is identified by the caller's agency and `caseNumber`: writing the same " +
    "case number again replaces the case's facts (goods lines and route included) instead of creating a second case.",
})
export class SeizureInput {
  @Field(() => String, { description: "The reporting agency's own case number (1 to 64 characters)." })
  caseNumber: string;

  @Field(() => DateTimeScalar, { description: "When the goods were seized." })
  seizedAt: Date;

  @Field(() => UNLocodeScalar, { nullable: true, description: "UN/LOCODE of the place of seizure." })
  placeLocode?: string | null;

  @Field(() => CommodityCategory, { description: "Commodity category of the case." })
  commodity: CommodityCategory;

  @Field(() => [GoodsItemInput], { nullable: true, description: "Goods lines, in order; omitted means none (up to 500)." })
  goods?: GoodsItemInput[] | null;

  @Field(() => DetectionMethod, { nullable: true, description: "How the goods were detected." })
  detectionMethod?: DetectionMethod | null;

  @Field(() => OffenceType, { nullable: true, description: "Type of offence." })
  offenceType?: OffenceType | null;

  @Field(() => ConveyanceInput, { nullable: true, description: "The means of transport." })
  conveyance?: ConveyanceInput | null;

  @Field(() => [RouteLegInput], {
    nullable: true,
    description: "Route of the goods; when given, exactly one DEPARTURE (first) and one DESTINATION (last). Omitted means no route.",
  })
  route?: RouteLegInput[] | null;

  @Field(() => ConcealmentInput, { nullable: true, description: "How the goods were hidden." })
  concealment?: ConcealmentInput | null;

  @Field(() => ReviewStatus, {
    nullable: true,
    description:
      "DRAFT or SUBMITTED. A new case starts as given (DRAFT when omitted); for an existing case, omitted keeps the status " +
      "and SUBMITTED submits a DRAFT or RETURNED case.",
  })
  reviewStatus?: ReviewStatus | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Ids of the persons and companies who are offenders in the case. Omitted keeps the current offenders; [] removes them.",
  })
  offenderIds?: string[] | null;

  @Field(() => MarkingsInput, { nullable: true, description: "Handling markings; defaults apply when omitted." })
  markings?: MarkingsInput | null;
}

@InputType({ description: "Filters for the seizure list; all given filters must match." })
export class SeizureFilter {
  @Field(() => DateTimeScalar, { nullable: true, description: "Seized at or after this instant." })
  seizedFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Seized before this instant (exclusive)." })
  seizedBefore?: Date | null;

  @Field(() => UNLocodeScalar, { nullable: true, description: "Seized at this UN/LOCODE location." })
  placeLocode?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Seized in this country, or reported by an agency of this country." })
  country?: string | null;

  @Field(() => CommodityCategory, { nullable: true, description: "Commodity category." })
  commodity?: CommodityCategory | null;

  @Field(() => String, { nullable: true, description: "At least one goods line has an HS code starting with these digits (1 to 10 digits, e.g. \"2402\")." })
  hsPrefix?: string | null;

  @Field(() => ConveyanceMode, { nullable: true, description: "Mode of transport." })
  conveyanceMode?: ConveyanceMode | null;

  @Field(() => ReviewStatus, { nullable: true, description: "Review status." })
  reviewStatus?: ReviewStatus | null;

  @Field(() => String, { nullable: true, description: "Reporting agency code, e.g. NL-CUSTOMS." })
  reportingAgency?: string | null;
}
