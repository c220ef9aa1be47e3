import { randomDigits, randomTag } from "./canaries.js";
import type { Planted } from "./plant.js";
import type { Session } from "./runner.js";
import type { Finding } from "./scanner.js";
import { DEFAULT_SELECTION, SelectionBuilder, printOperation, type FieldSel } from "./selection.js";
import type { GraphQLCompositeType, GraphQLSchema } from "graphql";

/**
 * The import channel: reports of the owner's job read by others, and imports by others that name the planted
 * persons and company by their natural keys. A row naming a planted record must fare exactly like a row naming
 * nothing (else the answer tells that the reference exists), and the job and its reports must quote nothing planted.
 */

function jobQuery(schema: GraphQLSchema): string {
  const type = schema.getType("ImportJob") as GraphQLCompositeType;
  const root: FieldSel = { kind: "field", name: "importJob", args: { id: "$id" }, children: new SelectionBuilder(schema, { ...DEFAULT_SELECTION, pageSize: 50 }).build(type) };
  return printOperation("query", [root]).replace(/^query \{/, "query($id: ID!) {");
}

/** GET every form of a job's report (CSV errors only, CSV with accepted rows, JSON), scanned. */
export async function readReports(session: Session, jobId: string, label: string): Promise<void> {
  for (const report of ["report.csv", "report.csv?rows=all", "report.json"]) {
    await session.http(`GET /import/jobs/<${label}>/${report}`, `${session.base}/import/jobs/${jobId}/${report}`, { method: "GET" });
  }
}

/**
 * As the session's caller, imports seizures whose offenders are a planted person (by reference) and company (by
 * registration) of the owner agency, and the same with references that name nothing; reads the job and reports.
 * For a caller of another agency, the rows naming planted records must fare exactly like those naming nothing.
 */
export async function importNamingPlanted(session: Session, schema: GraphQLSchema, planted: Planted, otherAgency: boolean): Promise<void> {
  const fake = { reference: `CNRYREF${planted.book.run.toUpperCase()}${randomDigits(6)}`, registration: `KVK${planted.book.run.toUpperCase()}${randomDigits(6)}` };
  const header = ["caseNumber", "seizedAt", "commodity", "offenders[0].agency", "offenders[0].personReference", "offenders[0].companyRegistrationCountry", "offenders[0].companyRegistrationNumber"];
  const row = (person: string, company: string) => [`PRB${randomTag(8).toUpperCase()}`, "2024-05-04T10:00:00Z", "TOBACCO", planted.agency, person, company ? "NL" : "", company];
  // Rows 2 and 3: a planted person's reference, then one nobody has; rows 4 and 5: the same for the company.
  const rows = [row(planted.values.reference, ""), row(fake.reference, ""), row("", planted.values.registrationNumber), row("", fake.registration)];
  const csv = [header, ...rows].map((r) => r.join(",")).join("\r\n");
  const upload = await session.http("POST /import/seizures naming planted offenders", `${session.base}/import/seizures`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: csv,
    write: true,
  });
  const jobId = (upload.body as unknown as { jobId?: string } | null)?.jobId;
  if (upload.status !== 202 || !jobId) return;
  const query = jobQuery(schema);
  type Job = { status?: string; errors?: Array<{ row: number; code: string; field: string }> };
  const read = async (): Promise<Job | null> => {
    const answer = await session.graphql(`importJob(id: <own job naming planted offenders>)`, query, [], { id: jobId });
    return (answer.body?.data?.importJob ?? null) as Job | null;
  };
  let job = await read();
  for (let i = 0; i < 100 && job?.status === "RUNNING"; i++) {
    await new Promise((r) => setTimeout(r, 100));
    job = await read();
  }
  await readReports(session, jobId, "own job naming planted offenders");
  // Within its own agency a caller may name its agency's records; the oracle matters across agencies.
  if (!job || !otherAgency) return;
  const errors = job.errors ?? [];
  const outcome = (r: number) =>
    errors
      .filter((e) => e.row === r)
      .map((e) => `${e.field}:${e.code}`)
      .sort()
      .join(",") || "accepted";
  for (const [real, none, what] of [[2, 3, "a planted person's reference"], [4, 5, "a planted company's registration number"]] as const) {
    if (outcome(real) === outcome(none)) continue;
    const finding: Finding = {
      caller: session.caller.name,
      request: "POST /import/seizures naming planted offenders",
      rule: "membership",
      what: `an import row naming ${what} of the owner agency fares differently from one naming nothing (${outcome(real)} vs ${outcome(none)})`,
      category: "import reference oracle",
      where: `importJob.errors (rows ${real} and ${none})`,
      encoding: "row outcome",
      excerpt: `${outcome(real)} | ${outcome(none)}`,
    };
    session.findings.push(finding);
  }
}
