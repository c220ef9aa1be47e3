import { createServer, type AddressInfo } from "node:net";

/**
 * A loopback port nobody listens on now, for a process that cannot be told to pick one itself (a Neo4j or a
 * service started by a tool or a test). Another process may take it before it is used; callers start at once.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
