import { randomUUID } from "node:crypto";
import type { Database } from "@cix/core";
import { deleteAgencyRecords } from "../cleanup.js";
import { s10 } from "../ecommerce.js";
import type { GraphQLResponse, TestStack } from "../stack.js";
import { CanaryBook, randomDigits, randomTag } from "./canaries.js";

/**
 * The planted world: records of one fresh agency whose every nominal field holds a canary, written through the
 * gateway by an investigator of that agency who states a purpose, and the ids of every record, read back as that
 * investigator.
 */

export type RecordKind = "Person" | "Company" | "Seizure" | "Order" | "Payment" | "Shipment" | "Phone" | "Email" | "Address" | "BankAccount" | "IdentityDocument" | "ImportJob";

/** Persons, companies and identifiers: records whose very id ties a request to personal data. */
export const NOMINAL_KINDS: ReadonlySet<RecordKind> = new Set(["Person", "Company", "Phone", "Email", "Address", "BankAccount", "IdentityDocument"]);

export interface PlantedRecord {
  id: string;
  kind: RecordKind;
  /** A readable name for reports, e.g. "P1 (person, TLP AMBER)". */
  label: string;
}

export interface Planted {
  agency: string;
  book: CanaryBook;
  records: PlantedRecord[];
  byId: Map<string, PlantedRecord>;
  /** Natural keys (not nominal) of the planted records, for arguments such as seizureByCase. */
  caseNumbers: string[];
  importJobId: string;
  /** Names to filter and search by, and identifier values to search by (canary values). */
  search: { names: string[]; declaredNames: string[]; identifiers: string[] };
  /** How long each write took (ms), for the log. */
  timings: string[];
  /** P1's identifiers, reference and name, and C1's registration number, for writes that meet them. */
  values: { phone: string; email: string; iban: string; documentNumber: string; street: string; postcode: string; reference: string; registrationNumber: string; fullName: string; familyName: string };
}

function ok<T>(res: GraphQLResponse<T>, what: string): T {
  if (res.errors?.length || !res.data) throw new Error(`planting ${what} failed: ${JSON.stringify(res.errors ?? res)}`);
  return res.data;
}

function csvCell(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export async function plant(stack: TestStack, agency: string, as: Record<string, string>): Promise<Planted> {
  const book = new CanaryBook();
  const records: PlantedRecord[] = [];
  const add = (id: string, kind: RecordKind, label: string) => {
    records.push({ id, kind, label });
    return id;
  };
  const timings: string[] = [];
  const gql = async <T>(query: string, variables: Record<string, unknown>, what: string) => {
    const started = Date.now();
    const result = ok(await stack.query<T>(query, variables, as), what);
    timings.push(`${what.split(" (")[0]} ${Date.now() - started} ms`);
    return result;
  };

  // --- a bulk import of persons: one good row, one bad row whose values an error message might echo -------------
  const p3Label = "P3 (person, imported, TLP AMBER)";
  async function startImport(): Promise<{ importJobId: string; p3Reference: string }> {
    const badLabel = "import row 3 (rejected)";
    const header = ["reference", "givenNames", "familyName", "fullName", "aliases", "phones", "emails", "addresses[0].street", "addresses[0].postcode", "addresses[0].city", "addresses[0].country", "dateOfBirth", "markings.tlp"];
    const p3Reference = book.number("Person.reference", p3Label, "CNRYREF");
    const good = [
      p3Reference,
      book.add("Person.givenNames", p3Label, book.text("Giv")),
      book.add("Person.familyName", p3Label, book.text("Fam")),
      book.add("Person.fullName", p3Label, `${book.text("Ful")} ${book.text("Nam")}`),
      book.add("Person.aliases", p3Label, book.text("Ali")),
      book.phone("Phone.number", p3Label),
      book.email("Email.address", p3Label),
      book.add("Address.street", p3Label, `${book.text("Laan")} 5`),
      book.number("Address.postcode", p3Label, "PC"),
      "Utrecht",
      "NL",
      "1984-11-23",
      "AMBER",
    ];
    const bad = [
      book.number("Person.reference", badLabel, "CNRYREF"),
      "",
      "",
      book.add("Person.fullName", badLabel, `${book.text("Ful")} ${book.text("Nam")}`),
      "",
      // Not a phone number: an import error about it may quote it.
      book.add("Person.phones (invalid value)", badLabel, book.text("Tel"), { optional: true }),
      "",
      "",
      "",
      "",
      "",
      "2999-13-45",
      "AMBER",
    ];
    // The bad row's canaries may never be stored: only an error report could show them.
    for (const c of book.canaries.filter((c) => c.record === badLabel)) c.optional = true;
    const csv = [header, good, bad].map((row) => row.map(csvCell).join(",")).join("\r\n");
    const base = stack.gatewayUrl.replace(/\/graphql$/, "");
    const upload = await fetch(`${base}/import/persons`, { method: "POST", headers: { "content-type": "text/csv", ...as }, body: csv });
    const uploaded = (await upload.json()) as { jobId?: string };
    if (upload.status !== 202 || !uploaded.jobId) throw new Error(`planting the import failed: ${upload.status} ${JSON.stringify(uploaded)}`);
    return { importJobId: add(uploaded.jobId, "ImportJob", "J1 (import job of persons, one row rejected)"), p3Reference };
  }

  // --- persons -------------------------------------------------------------------------------------------------
  const personInput = (label: string, tlp: string) => ({
    reference: book.number("Person.reference", label, "CNRYREF"),
    givenNames: book.add("Person.givenNames", label, book.text("Giv")),
    familyName: book.add("Person.familyName", label, `${book.text()}Brüñ`),
    fullName: book.add("Person.fullName", label, `${book.text("Ful")} ${book.text("Nam")}`),
    aliases: [book.add("Person.aliases", label, book.text("Ali"))],
    dateOfBirth: "1971-03-09",
    gender: "FEMALE",
    nationalities: ["NL"],
    phones: [book.phone("Phone.number", label)],
    emails: [book.email("Email.address", label)],
    addresses: [
      {
        street: book.add("Address.street", label, `${book.text("Straat")} 17`),
        postcode: book.number("Address.postcode", label, "PC"),
        city: "Rotterdam",
        country: "NL",
      },
    ],
    bankAccounts: [{ iban: book.iban("BankAccount.iban", label) }],
    identityDocuments: [{ type: "PASSPORT", number: book.number("IdentityDocument.number", label), issuingCountry: "NL", expiry: "2031-07-31" }],
    markings: { tlp },
  });
  const IDS = "id phones { id } emails { id } addresses { id } bankAccounts { id }";
  type WithIdentifiers = { id: string; phones: Array<{ id: string }>; emails: Array<{ id: string }>; addresses: Array<{ id: string }>; bankAccounts: Array<{ id: string }>; identityDocuments?: Array<{ id: string }> };
  const upsertPerson = async (label: string, tlp: string) => {
    const input = personInput(label, tlp);
    const person = (await gql<{ upsertPerson: WithIdentifiers }>(`mutation($i: PersonInput!) { upsertPerson(input: $i) { ${IDS} identityDocuments { id } } }`, { i: input }, label)).upsertPerson;
    add(person.id, "Person", label);
    addIdentifiers(person, label);
    return { id: person.id, input };
  };
  const addIdentifiers = (holder: WithIdentifiers, label: string) => {
    for (const [field, kind] of [["phones", "Phone"], ["emails", "Email"], ["addresses", "Address"], ["bankAccounts", "BankAccount"], ["identityDocuments", "IdentityDocument"]] as const) {
      for (const identifier of holder[field] ?? []) add(identifier.id, kind, `${kind} of ${label}`);
    }
  };
  // --- a company, its people, an association -------------------------------------------------------------------
  const c1Label = "C1 (company, TLP AMBER_STRICT)";
  const upsertCompany = async () => {
    const company = (
      await gql<{ upsertCompany: WithIdentifiers }>(
        `mutation($i: CompanyInput!) { upsertCompany(input: $i) { ${IDS} } }`,
        {
          i: {
            name: book.add("Company.name", c1Label, `${book.text("Trading")} B.V.`),
            registrationNumber: book.number("Company.registrationNumber", c1Label, "KVK"),
            registrationCountry: "NL",
            legalForm: "B.V.",
            phones: [book.phone("Phone.number", c1Label)],
            emails: [book.email("Email.address", c1Label)],
            addresses: [{ street: book.add("Address.street", c1Label, `${book.text("Kade")} 3`), postcode: book.number("Address.postcode", c1Label, "PC"), city: "Amsterdam", country: "NL" }],
            bankAccounts: [{ iban: book.iban("BankAccount.iban", c1Label) }],
            markings: { tlp: "AMBER_STRICT" },
          },
        },
        c1Label,
      )
    ).upsertCompany;
    add(company.id, "Company", c1Label);
    addIdentifiers(company, c1Label);
    return company;
  };
  // Independent writes go concurrently (each is seconds on a busy machine); the import runs alongside.
  const importing = startImport();
  const [p1, p2, company] = await Promise.all([upsertPerson("P1 (person, TLP AMBER)", "AMBER"), upsertPerson("P2 (person, TLP RED)", "RED"), upsertCompany()]);

  // --- seizures naming them -----------------------------------------------------------------------------------
  const caseNumbers: string[] = [];
  const seizure = async (label: string, tlp: string, offenderIds: string[]) => {
    const caseNumber = `DSC-${randomTag(8).toUpperCase()}`;
    caseNumbers.push(caseNumber);
    const id = (
      await gql<{ upsertSeizure: { id: string } }>(
        `mutation($i: SeizureInput!) { upsertSeizure(input: $i) { id } }`,
        {
          i: {
            caseNumber,
            seizedAt: "2024-05-02T09:00:00Z",
            commodity: "TOBACCO",
            placeLocode: "NLRTM",
            offenceType: "SMUGGLING",
            conveyance: { mode: "ROAD", vehicleRegistration: book.number("Conveyance.vehicleRegistration", label, "CNRYVR") },
            goods: [{ description: "cigarettes", quantity: 12, unit: "KG", hsCode: "240220" }],
            offenderIds,
            markings: { tlp },
          },
        },
        label,
      )
    ).upsertSeizure.id;
    return add(id, "Seizure", label);
  };

  // --- e-commerce: declared parties carry canaries, resolved parties are the planted ones ----------------------
  const o1Label = "O1 (order, TLP AMBER, buyer P1, seller C1)";
  const declared = (label: string, role: string, phone?: string) => ({
    name: book.add(`DeclaredParty.name (${role})`, label, `${book.text(role)} ${book.text()}`),
    phone: phone ?? book.phone(`DeclaredParty.phone (${role})`, label),
    email: book.email(`DeclaredParty.email (${role})`, label),
    address: {
      street: book.add(`DeclaredAddress.street (${role})`, label, `${book.text("Weg")} 9`),
      city: book.add(`DeclaredAddress.city (${role})`, label, book.text("Stad")),
      postcode: book.number(`DeclaredAddress.postcode (${role})`, label, "PC"),
      country: "NL",
    },
  });
  const upsertOrder = async () => {
    const id = (
      await gql<{ upsertOrder: { id: string } }>(
        `mutation($i: OrderInput!) { upsertOrder(input: $i) { id } }`,
        {
          i: {
            platform: "ShopDisclosure",
            orderNumber: `DSO-${randomTag(8).toUpperCase()}`,
            orderDate: "2024-04-20T10:00:00Z",
            buyer: declared(o1Label, "Buyer"),
            seller: declared(o1Label, "Seller"),
            buyerPartyId: p1.id,
            sellerPartyId: company.id,
            items: [{ description: "cigarettes", hsCode: "240220", quantity: 10, unitValue: 5, currency: "EUR", originCountry: "CN" }],
            markings: { tlp: "AMBER" },
          },
        },
        o1Label,
      )
    ).upsertOrder.id;
    return add(id, "Order", o1Label);
  };
  const [s1, , order] = await Promise.all([
    seizure("S1 (seizure, TLP RED, offenders P1 and C1)", "RED", [p1.id, company.id]),
    seizure("S2 (seizure, TLP AMBER, offender P2)", "AMBER", [p2.id]),
    upsertOrder(),
    gql(`mutation($i: AssociationInput!) { linkAssociates(input: $i) { id } }`, { i: { personId: p1.id, associateId: p2.id, kind: "FAMILY", since: "2020-01-01" } }, "association"),
    gql(
      `mutation($i: CompanyRoleHolderInput!) { linkCompanyRoleHolder(input: $i) { id } }`,
      { i: { holderId: p1.id, companyId: company.id, role: "SHAREHOLDER", sharePercentage: 25, since: "2019-01-01", note: book.add("CompanyRoleLink.note", "P1 shareholder of C1", `${book.text("Note")} ${book.text()}`) } },
      "shareholder",
    ),
    gql(`mutation($i: CompanyRoleInput!) { linkCompanyRole(input: $i) { id } }`, { i: { personId: p1.id, companyId: company.id, role: "DIRECTOR", since: "2019-01-01" } }, "director"),
    gql(`mutation($i: CompanyRoleInput!) { linkCompanyRole(input: $i) { id } }`, { i: { personId: p2.id, companyId: company.id, role: "EMPLOYEE" } }, "employee"),
  ]);
  const payLabel = "PAY1 (payment, TLP AMBER, payer P1's account)";
  const upsertPayment = async () => {
    const payment = (
      await gql<{ upsertPayment: { id: string } }>(
        `mutation($i: PaymentInput!) { upsertPayment(input: $i) { id } }`,
        {
          i: {
            provider: "PayDisclosure",
            transactionId: `DST-${randomTag(8).toUpperCase()}`,
            method: "BANK_TRANSFER",
            amount: 50,
            currency: "EUR",
            paidAt: "2024-04-20T10:05:00Z",
            payer: { iban: p1.input.bankAccounts[0]!.iban, holderName: book.add("PaymentAccount.holderName (payer)", payLabel, `${book.text("Payer")} ${book.text()}`) },
            payee: {
              identifier: book.add("PaymentAccount.identifier (payee)", payLabel, `cnry-wallet-${book.run}${randomDigits(6)}`),
              holderName: book.add("PaymentAccount.holderName (payee)", payLabel, `${book.text("Payee")} ${book.text()}`),
            },
            orderId: order,
            markings: { tlp: "AMBER" },
          },
        },
        payLabel,
      )
    ).upsertPayment.id;
    add(payment, "Payment", payLabel);
  };
  const shLabel = "SH1 (shipment, TLP RED, consignor C1, consignee P1, seized in S1)";
  const upsertShipment = async () => {
    const shipment = (
      await gql<{ upsertShipment: { id: string } }>(
        `mutation($i: ShipmentInput!) { upsertShipment(input: $i) { id } }`,
        {
          i: {
            trackingNumber: s10(),
            carrier: "PostDisclosure",
            deliveryMode: "POSTAL",
            consignor: declared(shLabel, "Consignor"),
            consignee: declared(shLabel, "Consignee", p1.input.phones[0]),
            consignorPartyId: company.id,
            consigneePartyId: p1.id,
            originCountry: "CN",
            destinationCountry: "NL",
            grossWeightKg: 1.5,
            pieces: 1,
            orderId: order,
            seizureId: s1,
            markings: { tlp: "RED" },
          },
        },
        shLabel,
      )
    ).upsertShipment.id;
    add(shipment, "Shipment", shLabel);
  };
  await Promise.all([upsertPayment(), upsertShipment()]);

  const { importJobId, p3Reference } = await importing;
  const importStarted = Date.now();
  for (let i = 0; i < 300; i++) {
    const job = await gql<{ importJob: { status: string } | null }>(`query($id: ID!) { importJob(id: $id) { status } }`, { id: importJobId }, "import job");
    if (job.importJob && job.importJob.status !== "RUNNING") break;
    await new Promise((r) => setTimeout(r, 100));
  }
  timings.push(`import job ${Date.now() - importStarted} ms`);
  const [imported] = await stack.db.read<{ id: string }>("MATCH (p:Person { ownerAgency: $agency, reference: $reference }) RETURN p.id AS id", { agency, reference: p3Reference });
  if (!imported) throw new Error("the imported person was not stored");
  const p3 = (await gql<{ person: WithIdentifiers }>(`query($id: ID!) { person(id: $id) { ${IDS} identityDocuments { id } } }`, { id: imported.id }, "P3")).person;
  add(p3.id, "Person", p3Label);
  addIdentifiers(p3, p3Label);

  // A fixed order (the writes above ran concurrently): P1 and its identifiers first, then P2, C1, the rest.
  const labelOrder = ["P1", "P2", "C1", "S1", "S2", "O1", "PAY1", "SH1", "J1", "P3"];
  const rank = (r: PlantedRecord) => labelOrder.indexOf(/(?:of )?([A-Z]+\d+) \(/.exec(r.label)?.[1] ?? "") * 2 + (r.label.includes(" of ") ? 1 : 0);
  records.sort((a, b) => rank(a) - rank(b));

  // A decision that P1 and P3 are the same person: a SAME_AS relationship for link analysis to find.
  await stack.query(`mutation($p: ID!, $c: ID!) { confirmMatch(partyId: $p, candidateId: $c, note: "disclosure test") { id } }`, { p: p1.id, c: p3.id }, as);

  // What lists are filtered and searched by: each person's full name, P1's family name and alias, the company's
  // name; P1's identifiers and reference, the company's registration and phone, P2's phone; declared names.
  const companyInput = book.canaries.filter((c) => c.record === c1Label);
  const valueOf = (kind: string, record: string) => book.canaries.find((c) => c.kind === kind && c.record === record)!.value;
  const names = [p1.input.fullName, p1.input.familyName, p1.input.aliases[0]!, p2.input.fullName, valueOf("Person.fullName", p3Label), valueOf("Company.name", c1Label)];
  const identifiers = [
    p1.input.phones[0]!,
    // The same phone by its digits, and the same account as printed: searches normalise what they are given.
    p1.input.phones[0]!.replace(/\D/g, ""),
    p1.input.bankAccounts[0]!.iban.replace(/(.{4})/g, "$1 ").trim(),
    p1.input.emails[0]!,
    p1.input.bankAccounts[0]!.iban,
    p1.input.identityDocuments[0]!.number,
    p1.input.reference,
    p2.input.phones[0]!,
    valueOf("Company.registrationNumber", c1Label),
    companyInput.find((c) => c.kind === "Phone.number")!.value,
  ];
  const declaredNames = book.canaries.filter((c) => /DeclaredParty\.name \((Buyer|Consignee)\)|holderName \(payer\)/.test(c.kind)).map((c) => c.value);
  const values = {
    phone: p1.input.phones[0]!,
    email: p1.input.emails[0]!,
    iban: p1.input.bankAccounts[0]!.iban,
    documentNumber: p1.input.identityDocuments[0]!.number,
    street: p1.input.addresses[0]!.street,
    postcode: p1.input.addresses[0]!.postcode,
    reference: p1.input.reference,
    registrationNumber: valueOf("Company.registrationNumber", c1Label),
    fullName: p1.input.fullName,
    familyName: p1.input.familyName,
  };
  return { timings, agency, book, records, byId: new Map(records.map((r) => [r.id, r])), caseNumbers, importJobId, search: { names, declaredNames, identifiers }, values };
}

/** A fresh agency code for one run (e.g. "CNRY-7QK2MX"). */
export function freshAgency(prefix = "CNRY"): string {
  return `${prefix}-${randomTag(6).toUpperCase()}`;
}

/** Removes what this run's agencies own: records, identifiers left unlinked, operations, import jobs, quality flags. */
export async function deleteRunData(db: Database, agencies: string[]): Promise<void> {
  for (const agency of agencies) {
    await db.write("MATCH (:Seizure { ownerAgency: $agency })-[:FLAGGED]->(f:QualityFlag) DETACH DELETE f", { agency });
    await db.write("MATCH (j:ImportJob { ownerAgency: $agency }) OPTIONAL MATCH (e:ImportRowError|ImportAcceptedRows { jobId: j.id }) DETACH DELETE e, j", { agency });
    await deleteAgencyRecords(db, agency);
  }
}

/** An id no record has (same shape as the hub's ids). */
export function unknownId(): string {
  return randomUUID();
}
