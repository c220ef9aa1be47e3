export {};
// `node dist/healthcheck.js <url>`: the containers' health check (Dockerfile HEALTHCHECK, docker-compose.yml).
// Exits 0 when the URL answers 200 within 3 s, else 1 with one line saying why. It runs every few seconds, so it
// imports nothing of the hub's and starts in a few milliseconds.
const USAGE = "usage: node dist/healthcheck.js http://127.0.0.1:4000/readyz";

const [url, ...rest] = process.argv.slice(2);
if (url === "--help" || url === "-h") {
  console.log(USAGE);
  process.exit(0);
}
if (!url || rest.length > 0 || !URL.canParse(url)) {
  console.error(`healthcheck: expected one URL\n${USAGE}`);
  process.exit(2);
}

try {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) {
    console.error(`healthcheck: ${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`healthcheck: ${url}: ${(error as Error).message}`);
  process.exit(1);
}
