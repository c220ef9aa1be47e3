import {
  PartyReferenceImport,
  prepareRows,
  resolvePartyReferences,
  type ImportKind,
  type PartyReference,
  type ReferenceUse,
} from "@cix/core";
import { GraphQLList, GraphQLNonNull } from "graphql";
import { SeizureRepository } from "../seizure/seizure.repository.js";
import type { SeizureInput } from "../seizure/seizure.inputs.js";
import { validateSeizureInput, type ValidSeizure } from "../seizure/seizure.validation.js";

/**
 * Seizure cases as import rows: `SeizureInput` (goods lines as `goods[i].…`, route legs as `route[i].…`), with the
 * offenders named by natural key (`offenders[i].personReference`, or a company's registration) instead of hub ids.
 * Each row goes through `validateSeizureInput` and is stored by `SeizureRepository.upsertMany`, the mutation's own
 * code, keyed by (importing agency, caseNumber): re-importing a case replaces it, never duplicates it.
 */
export const seizureImport: ImportKind<ValidSeizure> = {
  name: "seizures",
  subgraph: "seizures",
  description:
    "Seizure cases (CEN): one record per case, keyed by your agency and its case number. Goods lines and route legs are lists " +
    "(CSV: goods[0].hsCode, goods[1].hsCode, …; route[0].locode, …); offenders are persons or companies already in the hub, named by " +
    "their reference or registration. Omitting `offenders` keeps a stored case's offenders; quality flags are computed on every stored case.",
  inputType: "SeizureInput",
  omitFields: ["offenderIds"],
  extraFields: () => ({
    offenders: {
      type: new GraphQLList(new GraphQLNonNull(PartyReferenceImport)),
      description: "Offenders in the case: persons by reference or companies by registration (imported before). Omitted: the stored offenders stay.",
    },
  }),
  naturalKey: { fields: ["caseNumber"], of: (seizure) => [seizure.caseNumber] },
  xml: { root: "seizures", record: "seizure" },
  templateLists: { goods: 2, route: 3, offenders: 1 },
  examples: {
    caseNumber: "NL-2024-000123",
    seizedAt: "2024-03-15T14:30:00Z",
    placeLocode: "NLAMS",
    commodity: "TOBACCO",
    "goods[0].hsCode": "240220",
    "goods[0].description": "Cigarettes, counterfeit brand",
    "goods[0].quantity": 12000,
    "goods[0].unit": "STICKS",
    "goods[0].estimatedValue": 3600,
    "goods[1].hsCode": "240311",
    "goods[1].description": "Water-pipe tobacco",
    "goods[1].quantity": 25,
    "goods[1].unit": "KG",
    "goods[1].estimatedValue": 1500,
    "goods.currency": "EUR",
    "goods.speciesName": null,
    "goods.citesAppendix": null,
    detectionMethod: "XRAY_SCANNER",
    offenceType: "SMUGGLING",
    "conveyance.mode": "AIR",
    "conveyance.carrierName": "KLM",
    "conveyance.airlineCode": "KL",
    "conveyance.flightNumber": "KL0428",
    "conveyance.voyageNumber": null,
    "conveyance.vesselImo": null,
    "conveyance.vehicleRegistration": null,
    "route[0].seq": 1,
    "route[0].role": "DEPARTURE",
    "route[0].locode": "AEDXB",
    "route[0].departedAt": "2024-03-15T02:10:00Z",
    "route[1].seq": 2,
    "route[1].role": "TRANSIT",
    "route[1].locode": "TRIST",
    "route[1].departedAt": "2024-03-15T09:40:00Z",
    "route[2].seq": 3,
    "route[2].role": "DESTINATION",
    "route[2].locode": "NLAMS",
    "route.country": null,
    "route.departedAt": null,
    "concealment.method": "LUGGAGE_FALSE_BOTTOM",
    "concealment.description": "False bottom of a suitcase",
    reviewStatus: "DRAFT",
    offenders: null,
    "offenders.agency": null,
    "offenders.personReference": null,
    "offenders.companyRegistrationCountry": null,
    "offenders.companyRegistrationNumber": null,
    "offenders.id": null,
    "markings.tlp": "AMBER",
  },

  async prepare(rows, writer) {
    const uses: Array<ReferenceUse<PartyReference>> = [];
    // Where each row's offenders start in `uses` (and so in the resolved ids).
    const starts = rows.map((r) => {
      const start = uses.length;
      (r.input.offenders as PartyReference[] | undefined)?.forEach((ref, i) => uses.push({ row: r.row, path: `offenders[${i}]`, ref }));
      return start;
    });
    const resolved = await resolvePartyReferences(writer.db, writer.agency, uses);
    return prepareRows(rows, resolved.errors, (r, index) => {
      const { offenders, ...input } = r.input as unknown as SeizureInput & { offenders?: PartyReference[] };
      // A reference that named nothing is the row's error already; the others are still validated.
      const offenderIds = offenders ? offenders.flatMap((_, i) => resolved.ids[starts[index]! + i] ?? []) : null;
      return validateSeizureInput({ ...input, offenderIds } as SeizureInput);
    });
  },

  async writeBatch(items, writer) {
    const written = await new SeizureRepository(writer.db).upsertMany(items, { agency: writer.agency, country: writer.country, source: writer.source });
    return written;
  },
};
