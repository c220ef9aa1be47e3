import { PartyReferenceImport, prepareRows, resolvePartyReferences, type ImportKind, type PartyReference, type ReferenceUse } from "@cix/core";
import { orderWrite } from "../order/order.input.js";
import { OrderRepository, type OrderRecordWrite } from "../order/order.repository.js";
import type { OrderInput } from "../order/order.types.js";

type OrderRow = Omit<OrderRecordWrite, "ownerAgency" | "source">;
const PARTY_FIELDS = ["buyerParty", "sellerParty"] as const;

/**
 * Orders as import rows: `OrderInput` (items as `items[i].…`), with the resolved buyer and seller named by natural
 * key (`buyerParty.personReference`, …) instead of hub ids. Validated by `orderWrite` and stored by
 * `OrderRepository.upsertMany`, keyed by (your agency, platform, orderNumber).
 */
export const orderImport: ImportKind<OrderRow> = {
  name: "orders",
  subgraph: "ecommerce",
  description:
    "E-commerce orders, keyed by your agency, the platform and its order number; items as a list (items[0].description, …). " +
    "Buyer and seller are kept as declared; buyerParty / sellerParty link them to persons or companies already in the hub.",
  inputType: "OrderInput",
  omitFields: ["buyerPartyId", "sellerPartyId"],
  extraFields: () => ({
    buyerParty: { type: PartyReferenceImport, description: "The Person or Company the buyer was resolved to, by reference or registration." },
    sellerParty: { type: PartyReferenceImport, description: "The Person or Company the seller was resolved to, by reference or registration." },
  }),
  // A batch costs a fixed handful of statements whatever its size (see the repository), so the engine's batch
  // size applies. Batches link shared nodes (a shop's phone, a seller's company on many orders): written one at a
  // time, they never wait on each other's locks.
  concurrency: 1,
  naturalKey: { fields: ["platform", "orderNumber"], of: (item) => [item.order.platform, item.order.orderNumber] },
  xml: { root: "orders", record: "order" },
  templateLists: { items: 2 },
  examples: {
    platform: "ExampleMarket",
    orderNumber: "EM-2024-000001",
    orderDate: "2024-03-01T10:00:00Z",
    "buyer.name": "Jan Jansen",
    "buyer.address.street": "Damrak 1",
    "buyer.address.city": "Amsterdam",
    "buyer.address.postcode": "1012 LG",
    "buyer.address.country": "NL",
    "buyer.phone": "+31612345678",
    "buyer.email": "jan.jansen@example.org",
    "seller.name": "Shenzhen Example Trading Co.",
    "seller.address.street": "1 Example Road",
    "seller.address.city": "Shenzhen",
    "seller.address.postcode": "518000",
    "seller.address.country": "CN",
    "seller.phone": "+8675512345678",
    "seller.email": "sales@example-trading.example",
    "items[0].description": "Wrist watch",
    "items[0].hsCode": "910211",
    "items[0].quantity": 2,
    "items[0].unitValue": 25,
    "items[1].description": "Watch strap",
    "items[1].hsCode": "911390",
    "items[1].quantity": 2,
    "items[1].unitValue": 5,
    "items.currency": null,
    "items.originCountry": "CN",
    deliveryLocode: "NLAMS",
    deliveryCountry: "NL",
    totalValue: 60,
    currency: "EUR",
    buyerParty: null,
    sellerParty: null,
    "buyerParty.agency": null,
    "buyerParty.personReference": null,
    "buyerParty.companyRegistrationCountry": null,
    "buyerParty.companyRegistrationNumber": null,
    "buyerParty.id": null,
    "sellerParty.agency": null,
    "sellerParty.personReference": null,
    "sellerParty.companyRegistrationCountry": null,
    "sellerParty.companyRegistrationNumber": null,
    "sellerParty.id": null,
    "markings.tlp": "AMBER",
  },

  async prepare(rows, writer) {
    const uses: Array<ReferenceUse<PartyReference>> = [];
    const slots = rows.map((r) =>
      PARTY_FIELDS.map((field) => {
        const ref = r.input[field] as PartyReference | undefined;
        if (!ref) return -1;
        uses.push({ row: r.row, path: field, ref });
        return uses.length - 1;
      }),
    );
    const resolved = await resolvePartyReferences(writer.db, writer.agency, uses);
    return prepareRows(rows, resolved.errors, (r, index) => {
      const { buyerParty: _b, sellerParty: _s, ...input } = r.input;
      const [buyer, seller] = slots[index]!.map((slot) => (slot < 0 ? null : resolved.ids[slot]!));
      const order = orderWrite({ ...input, buyerPartyId: buyer, sellerPartyId: seller } as unknown as OrderInput);
      return { order, markings: (input as unknown as OrderInput).markings };
    });
  },

  async writeBatch(items, writer) {
    const written = await new OrderRepository(writer.db).upsertMany(items.map((item) => ({ ...item, ownerAgency: writer.agency, source: writer.source })));
    return written.map((w) => ({ ...w, flags: 0 }));
  },
};
