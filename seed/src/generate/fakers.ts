import {
  az,
  base,
  cs_CZ,
  da,
  de,
  de_AT,
  de_CH,
  en,
  en_AU,
  en_CA,
  en_GB,
  en_GH,
  en_HK,
  en_IE,
  en_IN,
  en_NG,
  en_NP,
  en_US,
  en_ZA,
  es,
  es_MX,
  Faker,
  fi,
  fr,
  fr_SN,
  hr,
  hu,
  id_ID,
  it,
  lv,
  nb_NO,
  nl,
  nl_BE,
  pl,
  pt_BR,
  pt_PT,
  ro,
  ro_MD,
  sk,
  sl_SI,
  sr_RS_latin,
  sv,
  tr,
  uz_UZ_latin,
  vi,
  type LocaleDefinition,
} from "@faker-js/faker";

/** The faker locales the generator draws names and street names from (the CEN scale's countries: world.ts). */
const LOCALES: Readonly<Record<string, LocaleDefinition>> = {
  nl, nl_BE, de, fr, es, en_GB, it, pl, tr, pt_BR, ro, en_NG, en,
  az, cs_CZ, da, de_AT, de_CH, en_AU, en_CA, en_GH, en_HK, en_IE, en_IN, en_NP, en_US, en_ZA, es_MX, fi, fr_SN, hr, hu,
  id_ID, lv, nb_NO, pt_PT, ro_MD, sk, sl_SI, sr_RS_latin, sv, uz_UZ_latin, vi,
};

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
