import {
  AirlineCodeScalar,
  Connection,
  CountryCodeScalar,
  CurrencyCodeScalar,
  DateTimeScalar,
  HSCodeScalar,
  Nominal,
  OwnedRecord,
} from "@cix/core";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
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

@ObjectType({ description: "One line of seized goods." })
export class GoodsItem {
  @Field(() => ID, { description: "Stable identifier of the goods line in the hub." })
  id: string;

  @Field(() => Int, { description: "Line number within the case, from 1." })
  seq: number;

  @Field(() => HSCodeScalar, { nullable: true, description: "HS 2022 code of the goods (or a national 8/10-digit code)." })
  hsCode: string | null;

  @Field(() => String, { description: "Description of the goods as seized." })
  description: string;

  @Field(() => Float, { description: "Quantity seized, greater than 0, in `unit`." })
  quantity: number;

  @Field(() => QuantityUnit, { description: "Unit of the quantity." })
  unit: QuantityUnit;

  @Field(() => Float, { nullable: true, description: "Estimated value of the goods, 0 or more, in `currency`." })
  estimatedValue: number | null;

  @Field(() => CurrencyCodeScalar, { nullable: true, description: "Currency of the estimated value." })
  currency: string | null;

  @Field(() => String, { nullable: true, description: "Scientific name of the species (CITES goods)." })
  speciesName: string | null;

  @Field(() => CitesAppendix, { nullable: true, description: "CITES appendix the species is listed in." })
  citesAppendix: CitesAppendix | null;
}

@ObjectType({ description: "The means of transport the goods were found in or on." })
export class Conveyance {
  @Field(() => ConveyanceMode, { description: "Mode of transport." })
  mode: ConveyanceMode;

  @Field(() => String, { nullable: true, description: "Name of the carrier (airline, shipping line, haulier, postal operator, courier)." })
  carrierName: string | null;

  @Field(() => AirlineCodeScalar, { nullable: true, description: "IATA designator of the airline (air)." })
  airlineCode: string | null;

  @Field(() => String, { nullable: true, description: "Flight number, e.g. \"KL1234\" (air)." })
  flightNumber: string | null;

  @Field(() => String, { nullable: true, description: "Voyage, train or trip number (sea, rail, road)." })
  voyageNumber: string | null;

  @Field(() => String, { nullable: true, description: "IMO number of the vessel, 7 digits (sea)." })
  vesselImo: string | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "Registration plate of the vehicle (road); identifies its keeper." })
  vehicleRegistration: string | null;
}

@ObjectType({ description: "One stop on the route of the goods." })
export class RouteLeg {
  @Field(() => Int, { description: "Position in the route, from 1 (departure) to the last leg (destination)." })
  seq: number;

  @Field(() => RouteRole, { description: "Role of the place in the route." })
  role: RouteRole;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the goods left this place, if the reporter knew." })
  departedAt: string | null;

  /** Stored place; resolved to a `Place` by a field resolver. */
  locode: string | null;
  country: string;
}

@ObjectType({ description: "How the goods were hidden." })
export class Concealment {
  @Field(() => ConcealmentMethod, { description: "Concealment method." })
  method: ConcealmentMethod;

  @Field(() => String, { nullable: true, description: "Free-text description of the concealment." })
  description: string | null;
}

@ObjectType({ description: "Metadata of a photo of the goods or the concealment; the file itself is kept in the photo store." })
export class SeizurePhoto {
  @Field(() => String, { description: "SHA-256 of the file content, hex; the file's address in the photo store." })
  sha256: string;

  @Field(() => String, { description: "MIME type: image/jpeg, image/png or image/webp." })
  mimeType: string;

  @Field(() => String, { nullable: true, description: "What the photo shows." })
  caption: string | null;

  @Field(() => Int, { description: "File size in bytes." })
  sizeBytes: number;

  @Field(() => DateTimeScalar, { description: "When the photo was added to the case." })
  addedAt: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A CEN seizure case: the non-nominal facts of one customs seizure, and links to its offenders." })
export class Seizure extends OwnedRecord {
  @Field(() => ID, { description: "Stable identifier of the case in the hub." })
  id: string;

  @Field(() => String, { description: "The reporting agency's own case number; unique per reporting agency." })
  caseNumber: string;

  @Field(() => String, { description: "Code of the agency that reported the case, e.g. NL-CUSTOMS (the caller's agency when the case was first written)." })
  reportingAgency: string;

  @Field(() => CountryCodeScalar, { description: "Country of the reporting agency." })
  reportingCountry: string;

  @Field(() => DateTimeScalar, { description: "When the goods were seized." })
  seizedAt: string;

  @Field(() => CommodityCategory, { description: "Commodity category of the case." })
  commodity: CommodityCategory;

  @Field(() => DetectionMethod, { nullable: true, description: "How the goods were detected." })
  detectionMethod: DetectionMethod | null;

  @Field(() => OffenceType, { nullable: true, description: "Type of offence." })
  offenceType: OffenceType | null;

  @Field(() => Conveyance, { nullable: true, description: "The means of transport." })
  conveyance: Conveyance | null;

  @Field(() => Concealment, { nullable: true, description: "How the goods were hidden." })
  concealment: Concealment | null;

  @Field(() => ReviewStatus, { description: "Review status of the case." })
  reviewStatus: ReviewStatus;

  @Field(() => String, { nullable: true, description: "Why the case was returned for correction (set while RETURNED)." })
  returnReason: string | null;

  /** UN/LOCODE of the place of seizure; resolved to `place` by a field resolver. */
  placeLocode: string | null;
}

export const SeizureConnection = Connection("Seizure", Seizure);
