import { CountryCodeScalar, UNLocodeScalar } from "@cix/core";
import { Field, Float, ObjectType, registerEnumType } from "type-graphql";

/** UNECE function classifier of a UN/LOCODE location. */
export enum LocationFunction {
  PORT = "PORT",
  RAIL_TERMINAL = "RAIL_TERMINAL",
  ROAD_TERMINAL = "ROAD_TERMINAL",
  AIRPORT = "AIRPORT",
  POSTAL_EXCHANGE = "POSTAL_EXCHANGE",
  MULTIMODAL = "MULTIMODAL",
  FIXED_TRANSPORT = "FIXED_TRANSPORT",
  BORDER_CROSSING = "BORDER_CROSSING",
}
registerEnumType(LocationFunction, {
  name: "LocationFunction",
  description: "What a UN/LOCODE location serves as (UNECE function classifier).",
  valuesConfig: {
    PORT: { description: "1: port (sea or inland water)." },
    RAIL_TERMINAL: { description: "2: rail terminal." },
    ROAD_TERMINAL: { description: "3: road terminal." },
    AIRPORT: { description: "4: airport." },
    POSTAL_EXCHANGE: { description: "5: postal exchange office." },
    MULTIMODAL: { description: "6: multimodal function (inland clearance depot, dry port)." },
    FIXED_TRANSPORT: { description: "7: fixed transport installation (pipeline, power line)." },
    BORDER_CROSSING: { description: "B: border crossing." },
  },
});

@ObjectType({ description: "A point on the Earth in decimal degrees (WGS 84)." })
export class GeoPoint {
  @Field(() => Float, { description: "Latitude in decimal degrees, -90 to 90." })
  latitude: number;

  @Field(() => Float, { description: "Longitude in decimal degrees, -180 to 180." })
  longitude: number;
}

/**
 * A place as the UN/LOCODE list describes it. Only the code is stored with a case; name, subdivision,
 * coordinates and functions are looked up in the code list when read (null or empty when the code is not in
 * the list or the lists are not installed).
 */
@ObjectType({ description: "A place: a UN/LOCODE location, or a whole country when only the country is known." })
export class Place {
  @Field(() => UNLocodeScalar, { nullable: true, description: "UN/LOCODE of the location; null when the place is a whole country." })
  locode: string | null;

  @Field(() => CountryCodeScalar, { description: "ISO 3166-1 alpha-2 country of the place." })
  country: string;

  @Field(() => String, { nullable: true, description: "English name of the country." })
  countryName: string | null;

  @Field(() => String, { nullable: true, description: "Name of the location from the UN/LOCODE list (the country's name for a country-level place)." })
  name: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-2 subdivision code without the country prefix, e.g. \"ZH\"." })
  subdivision: string | null;

  @Field(() => GeoPoint, { nullable: true, description: "Coordinates from the UN/LOCODE list; null when the list has none." })
  coordinates: GeoPoint | null;

  @Field(() => [LocationFunction], { description: "What the location serves as (port, airport, …); empty when unknown." })
  functions: LocationFunction[];
}
