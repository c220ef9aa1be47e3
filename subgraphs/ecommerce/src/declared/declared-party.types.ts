import { CountryCodeScalar, Nominal } from "@cix/core";
import { Field, InputType, ObjectType } from "type-graphql";

@ObjectType({ description: "A postal address exactly as declared in an order or shipment (nominal data)." })
export class DeclaredAddress {
  @Nominal()
  @Field(() => String, { nullable: true, description: "Street and house number, as declared." })
  street: string | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "City or town, as declared." })
  city: string | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "Postcode, as declared." })
  postcode: string | null;

  @Nominal()
  @Field(() => CountryCodeScalar, { nullable: true, description: "Country (ISO 3166-1 alpha-2)." })
  country: string | null;
}

@ObjectType({
  description:
    "A party (buyer, seller, consignor, consignee) exactly as the platform or carrier declared it, kept as submitted " +
    "even when it is also resolved to a known Person or Company (nominal data).",
})
export class DeclaredParty {
  @Nominal()
  @Field(() => String, { description: "Name of the person or company, as declared." })
  name: string;

  @Nominal()
  @Field(() => DeclaredAddress, { nullable: true, description: "Postal address, as declared." })
  address: DeclaredAddress | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "Phone number, as declared (not reformatted)." })
  phone: string | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "E-mail address, as declared (not reformatted)." })
  email: string | null;
}

@InputType({ description: "A postal address as declared; every part is optional." })
export class DeclaredAddressInput {
  @Field(() => String, { nullable: true, description: "Street and house number." })
  street?: string | null;

  @Field(() => String, { nullable: true, description: "City or town." })
  city?: string | null;

  @Field(() => String, { nullable: true, description: "Postcode." })
  postcode?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country (ISO 3166-1 alpha-2)." })
  country?: string | null;
}

@InputType({
  description:
    "A party as declared by the platform or carrier. Stored as submitted; its phone, e-mail and address are also " +
    "linked to the hub's shared identifier nodes, so a declared phone meets the same phone recorded elsewhere.",
})
export class DeclaredPartyInput {
  @Field(() => String, { description: "Name of the person or company." })
  name: string;

  @Field(() => DeclaredAddressInput, { nullable: true, description: "Postal address." })
  address?: DeclaredAddressInput | null;

  @Field(() => String, { nullable: true, description: "Phone number in any common notation; linked when it can be read as a phone number." })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "E-mail address; linked when it is a well-formed address." })
  email?: string | null;
}
