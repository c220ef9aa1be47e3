import {
  OrderReferenceImport,
  PartyReferenceImport,
  prepareRows,
  resolveOrderReferences,
  resolvePartyReferences,
  resolveSeizureReferences,
  SeizureReferenceImport,
  type ImportKind,
  type OrderReference,
  type PartyReference,
  type ReferenceUse,
  type SeizureReference,
} from "@cix/core";
import { shipmentWrite } from "../shipment/shipment.input.js";
import { ShipmentRepository, type ShipmentRecordWrite } from "../shipment/shipment.repository.js";
import type { ShipmentInput } from "../shipment/shipment.types.js";

type ShipmentRow = Omit<ShipmentRecordWrite, "ownerAgency" | "source">;
const PARTY_FIELDS = ["consignorParty", "consigneeParty"] as const;

/**
 * Shipments as import rows: `ShipmentInput` (events as `events[i].…`, HS codes as a `;`-separated cell), with the
 * resolved consignor/consignee, the order and the seizure named by natural key instead of hub ids. Validated by
 * `shipmentWrite` and stored by `ShipmentRepository.upsertMany`, keyed by (your agency, carrier, trackingNumber).
 */
export const shipmentImport: ImportKind<ShipmentRow> = {
  name: "shipments",
  subgraph: "ecommerce",
  description:
    "Shipments (postal, express, freight), keyed by your agency, the carrier and the tracking number (a valid UPU S10 for POSTAL). " +
    "`order` names the order fulfilled, `seizure` the case it was seized in, consignorParty / consigneeParty known persons or companies.",
  inputType: "ShipmentInput",
  omitFields: ["consignorPartyId", "consigneePartyId", "orderId", "seizureId"],
  extraFields: () => ({
    consignorParty: { type: PartyReferenceImport, description: "The Person or Company the consignor was resolved to." },
    consigneeParty: { type: PartyReferenceImport, description: "The Person or Company the consignee was resolved to." },
    order: { type: OrderReferenceImport, description: "The order this shipment fulfils, by platform and order number." },
    seizure: { type: SeizureReferenceImport, description: "The seizure case in which this shipment was seized, by case number." },
  }),
  // A batch costs a fixed handful of statements whatever its size (see the repository), so the engine's batch
  // size applies. Batches link shared nodes (a sender's address, a consignor on many parcels): written one at a
  // time, they never wait on each other's locks.
  concurrency: 1,
  naturalKey: { fields: ["carrier", "trackingNumber"], of: (item) => [item.shipment.carrier, item.shipment.trackingNumber] },
  xml: { root: "shipments", record: "shipment" },
  templateLists: { events: 2 },
  examples: {
    trackingNumber: "RR473124829GB",
    carrier: "Royal Mail",
    deliveryMode: "POSTAL",
    "consignor.name": "Shenzhen Example Trading Co.",
    "consignor.address.street": "1 Example Road",
    "consignor.address.city": "Shenzhen",
    "consignor.address.postcode": "518000",
    "consignor.address.country": "CN",
    "consignor.phone": null,
    "consignor.email": null,
    "consignee.name": "Jan Jansen",
    "consignee.address.street": "Damrak 1",
    "consignee.address.city": "Amsterdam",
    "consignee.address.postcode": "1012 LG",
    "consignee.address.country": "NL",
    "consignee.phone": "+31612345678",
    "consignee.email": null,
    originLocode: "CNSZX",
    originCountry: "CN",
    destinationLocode: "NLAMS",
    destinationCountry: "NL",
    grossWeightKg: 0.4,
    pieces: 1,
    declaredValue: 60,
    currency: "EUR",
    goodsDescription: "Wrist watches",
    hsCodes: ["910211"],
    shippedAt: "2024-03-02T08:00:00Z",
    "events[0].time": "2024-03-02T08:00:00Z",
    "events[0].type": "ACCEPTED",
    "events[0].place": "CNSZX",
    "events[0].note": null,
    "events[1].time": "2024-03-05T09:30:00Z",
    "events[1].type": "ARRIVED",
    "events[1].place": "NLAMS",
    "events[1].note": null,
    consignorParty: null,
    consigneeParty: null,
    order: null,
    seizure: null,
    "consignorParty.agency": null,
    "consignorParty.personReference": null,
    "consignorParty.companyRegistrationCountry": null,
    "consignorParty.companyRegistrationNumber": null,
    "consignorParty.id": null,
    "consigneeParty.agency": null,
    "consigneeParty.personReference": null,
    "consigneeParty.companyRegistrationCountry": null,
    "consigneeParty.companyRegistrationNumber": null,
    "consigneeParty.id": null,
    "order.agency": null,
    "order.platform": null,
    "order.orderNumber": null,
    "seizure.reportingAgency": null,
    "seizure.caseNumber": null,
    "markings.tlp": "AMBER",
  },

  async prepare(rows, writer) {
    const parties: Array<ReferenceUse<PartyReference>> = [];
    const orders: Array<ReferenceUse<OrderReference>> = [];
    const seizures: Array<ReferenceUse<SeizureReference>> = [];
    const slot = <R>(uses: Array<ReferenceUse<R>>, row: number, path: string, ref: R | undefined) => {
      if (!ref) return -1;
      uses.push({ row, path, ref });
      return uses.length - 1;
    };
    const slots = rows.map((r) => ({
      parties: PARTY_FIELDS.map((f) => slot(parties, r.row, f, r.input[f] as PartyReference | undefined)),
      order: slot(orders, r.row, "order", r.input.order as OrderReference | undefined),
      seizure: slot(seizures, r.row, "seizure", r.input.seizure as SeizureReference | undefined),
    }));
    const [p, o, s] = await Promise.all([
      resolvePartyReferences(writer.db, writer.agency, parties),
      resolveOrderReferences(writer.db, writer.agency, orders),
      resolveSeizureReferences(writer.db, writer.agency, seizures),
    ]);
    const id = (ids: Array<string | null>, at: number) => (at < 0 ? null : ids[at]!);
    return prepareRows(rows, [...p.errors, ...o.errors, ...s.errors], (r, index) => {
      const { consignorParty: _c1, consigneeParty: _c2, order: _o, seizure: _s, ...input } = r.input;
      const at = slots[index]!;
      const shipment = shipmentWrite({
        ...input,
        consignorPartyId: id(p.ids, at.parties[0]!),
        consigneePartyId: id(p.ids, at.parties[1]!),
        orderId: id(o.ids, at.order),
        seizureId: id(s.ids, at.seizure),
      } as unknown as ShipmentInput);
      return { shipment, markings: (input as unknown as ShipmentInput).markings };
    });
  },

  async writeBatch(items, writer) {
    const written = await new ShipmentRepository(writer.db).upsertMany(items.map((item) => ({ ...item, ownerAgency: writer.agency, source: writer.source })));
    return written.map((w) => ({ ...w, flags: 0 }));
  },
};
