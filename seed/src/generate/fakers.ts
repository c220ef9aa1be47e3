import { base, de, en, en_GB, en_NG, es, Faker, fr, it, nl, nl_BE, pl, pt_BR, ro, tr, type LocaleDefinition } from "@faker-js/faker";

/** The faker locales the generator draws names and street names from. */
const LOCALES: Readonly<Record<string, LocaleDefinition>> = { nl, nl_BE, de, fr, es, en_GB, it, pl, tr, pt_BR, ro, en_NG, en };

const instances = new Map<string, Faker>();

/**
 * A faker for `locale`, reseeded with `seed`: each record reseeds it with its own seed, so its names and
 * streets depend only on the record, not on what was generated before it.
 */
export function fakerFor(locale: string, seed: number): Faker {
  let faker = instances.get(locale);
  if (!faker) {
    const definition = LOCALES[locale];
    if (!definition) throw new Error(`No faker locale ${locale}`);
    faker = new Faker({ locale: [definition, en, base] });
    instances.set(locale, faker);
  }
  faker.seed(seed);
  return faker;
}
