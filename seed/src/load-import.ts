import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { ProgressBar, type ImportJobRecord, type ImportService } from "@cix/core";
import type { AgencyCatalogue } from "./catalogue/agencies.js";
import { RINGS } from "./catalogue/rings.js";
import { cenAgencies } from "./catalogue/world.js";
import { backgroundStreams, type ScaleCounts } from "./generate.js";
import { buildRing, type RingRecords } from "./generate/rings.js";
import type { PlanCompany, PlanLink, PlanOperation, PlanOrder, PlanPayment, PlanPerson, PlanRing, PlanSeizure, PlanShipment } from "./plan.js";
import { CEN_COUNTS } from "./serials.js";

/**
 * The CEN-scale loader: streams the generated data set into NDJSON files (one per kind and agency, record by record,
 * never the whole set in memory) and loads them through the import engine, the same validation and upserts as
 * `npm run import` and POST /import/<kind>. Plan references between records (natural keys) become the import's
 * natural-key reference columns. Order: persons, companies, the rings' exchange operations, their relationships
 * (associations, company roles), seizures, orders, payments, shipments.
 */

/** The CEN scale's counts (CEN_COUNTS) times `fraction`. */
export function cenCounts(fraction: number): ScaleCounts {
  const scale = (n: number) => Math.max(1, Math.round(n * fraction));
  return {
    persons: scale(CEN_COUNTS.persons),
    companies: scale(CEN_COUNTS.companies),
    seizures: scale(CEN_COUNTS.seizures),
    orders: scale(CEN_COUNTS.orders),
    seizedOrders: Math.min(scale(CEN_COUNTS.seizedOrders), scale(CEN_COUNTS.seizures)),
  };
}

export interface CenLoadOptions {
  seed: number;
  counts: ScaleCounts;
  /** The agencies and how records are shared out among them; by default the CEN scale's, one per country (`cenAgencies`). */
  agencies?: AgencyCatalogue;
  /** Import services by kind (`localImportServices`). */
  services: Map<string, ImportService>;
  /** Folder for the generated files (removed afterwards). */
  workDir: string;
  /** Keep the generated files (the import benchmark replays them); by default the folder is removed. */
  keepFiles?: boolean;
  /**
   * Opens a ring's exchange operation and has each owner share its named parties into it (run after the parties are
   * imported, before the records that name them: an agency names only parties it may read).
   */
  exchange: (op: PlanOperation) => Promise<void>;
  log?: (line: string) => void;
}

export interface PhaseResult {
  kind: string;
  rows: number;
  accepted: number;
  rejected: number;
  flagged: number;
  generateMs: number;
  importMs: number;
  rowsPerSecond: number;
  /** The NDJSON files imported (deleted unless `keepFiles`). */
  files: string[];
}

export interface CenLoadResult {
  phases: PhaseResult[];
  rings: PlanRing[];
  ms: number;
}

type Row = Record<string, unknown>;

/** A plan key (`Person|AGENCY|REF`, `Company|AGENCY|CC|NUMBER`, …) as the import's natural-key reference. */
export function partyRef(key: string | undefined): Row | undefined {
  if (!key) return undefined;
  const [label, agency, a, b] = key.split("|");
  return label === "Person" ? { agency, personReference: a } : { agency, companyRegistrationCountry: a, companyRegistrationNumber: b };
}

function orderRef(key: string | undefined): Row | undefined {
  if (!key) return undefined;
  const [, agency, platform, orderNumber] = key.split("|");
  return { agency, platform, orderNumber };
}

function seizureRef(key: string | undefined): Row | undefined {
  if (!key) return undefined;
  const [, reportingAgency, caseNumber] = key.split("|");
  return { reportingAgency, caseNumber };
}

const personRow = (p: PlanPerson): Row => ({ ...p.input });
const associationRow = (l: PlanLink): Row => ({ person: partyRef(l.person), associate: partyRef(l.other), since: l.since });
const companyRoleRow = (l: PlanLink): Row => ({ person: partyRef(l.person), company: partyRef(l.other), role: l.type === "DIRECTOR_OF" ? "DIRECTOR" : "EMPLOYEE", since: l.since });
const companyRow = (c: PlanCompany): Row => ({ ...c.input });
/** Cases planned past DRAFT are imported as SUBMITTED (validating and returning is the supervisors' review, not an import). */
const seizureRow = (s: PlanSeizure): Row => ({ ...s.input, reviewStatus: s.reviewStatus === "DRAFT" ? "DRAFT" : "SUBMITTED", offenders: s.offenders.map(partyRef) });
const orderRow = (o: PlanOrder): Row => ({ ...o.input, buyerParty: partyRef(o.buyer), sellerParty: partyRef(o.seller) });
const paymentRow = (p: PlanPayment): Row => ({ ...p.input, order: orderRef(p.order) });
const shipmentRow = (s: PlanShipment): Row => ({
  ...s.input,
  order: orderRef(s.order),
  seizure: seizureRef(s.seizure),
  consignorParty: partyRef(s.consignor),
  consigneeParty: partyRef(s.consignee),
});

/** NDJSON files of one kind, one per agency, written with backpressure. */
class KindFiles {
  private readonly streams = new Map<string, WriteStream>();
  rows = 0;

  constructor(
    private readonly dir: string,
    readonly kind: string,
  ) {}

  async write(agency: string, row: Row): Promise<void> {
    let stream = this.streams.get(agency);
    if (!stream) this.streams.set(agency, (stream = createWriteStream(path.join(this.dir, `${this.kind}.${agency}.ndjson`))));
    this.rows++;
    if (!stream.write(`${JSON.stringify(row)}\n`)) await once(stream, "drain");
  }

  async close(): Promise<Array<{ agency: string; file: string }>> {
    const files: Array<{ agency: string; file: string }> = [];
    for (const [agency, stream] of this.streams) {
      stream.end();
      await once(stream, "finish");
      files.push({ agency, file: stream.path as string });
    }
    return files;
  }
}

export async function loadCen(options: CenLoadOptions): Promise<CenLoadResult> {
  const { seed, counts, services } = options;
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  await mkdir(options.workDir, { recursive: true });
  const agencies = options.agencies ?? cenAgencies();
  const streams = backgroundStreams({ seed, counts, agencies });
  const rings: RingRecords[] = RINGS.map((def, r) => buildRing(seed, r, def));
  const phases: PhaseResult[] = [];

  const importFiles = async (kind: string, files: Array<{ agency: string; file: string }>, rows: number, generateMs: number) => {
    const service = services.get(kind)!;
    const bar = new ProgressBar(kind.padEnd(9));
    const t = Date.now();
    const totals = { accepted: 0, rejected: 0, flagged: 0, rows: 0 };
    for (const { agency, file } of files) {
      const before = { ...totals };
      const { done } = await service.start(
        {
          kind: service.kind(kind)!,
          format: "ndjson",
          file,
          fileName: path.basename(file),
          agency,
          country: agencies.agencies.find((a) => a.code === agency)!.country,
          createdBy: "seed:cen",
        },
        {
          roles: ["operator"],
          requestId: `seed-cen-${kind}-${agency}`,
          onProgress: (p) => {
            Object.assign(totals, { rows: before.rows + p.totalRows, accepted: before.accepted + p.accepted, rejected: before.rejected + p.rejected, flagged: before.flagged + p.flagged });
            bar.update({ done: totals.rows, total: rows, counts: { accepted: totals.accepted, rejected: totals.rejected, flagged: totals.flagged } });
          },
        },
      );
      const job: ImportJobRecord = await done;
      if (job.status !== "COMPLETED") throw new Error(`import of ${kind} for ${agency} ended ${job.status}: ${job.message ?? ""}`);
      if (job.rejected > 0) log(`${kind} ${agency}: ${job.rejected} rows rejected (job ${job.id}: npm run import report)`);
    }
    bar.stop();
    const importMs = Date.now() - t;
    const phase = { kind, ...totals, rows, generateMs, importMs, rowsPerSecond: Math.round(rows / Math.max(importMs / 1000, 0.001)), files: files.map((f) => f.file) };
    phases.push(phase);
    log(`${kind}: ${rows} rows generated in ${(generateMs / 1000).toFixed(1)} s, imported in ${(importMs / 1000).toFixed(1)} s (${phase.rowsPerSecond} rows/s): ${totals.accepted} stored, ${totals.rejected} rejected, ${totals.flagged} flagged`);
  };

  const generateAndImport = async <T extends { agency: string }>(kind: string, records: Iterable<T>, toRow: (r: T) => Row) => {
    const t = Date.now();
    const files = new KindFiles(options.workDir, kind);
    for (const record of records) await files.write(record.agency, toRow(record));
    const written = await files.close();
    await importFiles(kind, written, files.rows, Date.now() - t);
  };

  await generateAndImport("persons", chain(streams.persons(), rings.flatMap((r) => r.persons)), personRow);
  await generateAndImport("companies", chain(streams.companies(), rings.flatMap((r) => r.companies)), companyRow);
  for (const ring of rings) if (ring.exchange) await options.exchange(ring.exchange);
  const links = rings.flatMap((r) => r.links);
  await generateAndImport("associations", links.filter((l) => l.type === "ASSOCIATE_OF"), associationRow);
  await generateAndImport("company-roles", links.filter((l) => l.type !== "ASSOCIATE_OF"), companyRoleRow);
  await generateAndImport("seizures", chain(streams.seizures(), rings.flatMap((r) => r.seizures)), seizureRow);

  // Orders, payments and parcels come out of one generated parcel each: one pass writes the three kinds' files.
  const t = Date.now();
  const orders = new KindFiles(options.workDir, "orders");
  const payments = new KindFiles(options.workDir, "payments");
  const shipments = new KindFiles(options.workDir, "shipments");
  for (const parcel of streams.parcels()) {
    await orders.write(parcel.order.agency, orderRow(parcel.order));
    if (parcel.payment) await payments.write(parcel.payment.agency, paymentRow(parcel.payment));
    if (parcel.shipment) await shipments.write(parcel.shipment.agency, shipmentRow(parcel.shipment));
  }
  for (const ring of rings) {
    for (const o of ring.orders) await orders.write(o.agency, orderRow(o));
    for (const p of ring.payments) await payments.write(p.agency, paymentRow(p));
    for (const s of ring.shipments) await shipments.write(s.agency, shipmentRow(s));
  }
  const parcelFiles = { orders: await orders.close(), payments: await payments.close(), shipments: await shipments.close() };
  const generateMs = Date.now() - t;
  await importFiles("orders", parcelFiles.orders, orders.rows, generateMs);
  await importFiles("payments", parcelFiles.payments, payments.rows, 0);
  await importFiles("shipments", parcelFiles.shipments, shipments.rows, 0);

  if (!options.keepFiles) await rm(options.workDir, { recursive: true, force: true });
  return { phases, rings: rings.map((r) => r.ring), ms: Date.now() - started };
}

function* chain<T>(first: Iterable<T>, rest: Iterable<T>): Generator<T> {
  yield* first;
  yield* rest;
}
