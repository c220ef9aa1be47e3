import neo4j from "neo4j-driver";
const d = neo4j.driver("bolt://127.0.0.1:7691", undefined, { disableLosslessIntegers: true });
for (const q of process.argv.slice(2)) {
  const r = await d.executeQuery(q);
  console.log(JSON.stringify(r.records.map((x) => x.toObject())));
}
await d.close();
