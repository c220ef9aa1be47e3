import net from "node:net";
import tls from "node:tls";

let applied = false;

/**
 * neo4j-driver writes each Bolt message in 1400-byte chunks and never disables Nagle's algorithm, so every
 * statement longer than one chunk waits for the server's delayed ACK (~40 ms on Linux). The driver has no
 * socket option for it, so sockets opened through `net.connect`/`tls.connect` (how the driver connects) get
 * TCP_NODELAY here. Other callers of those functions only gain from it.
 */
export function disableNagleForDriverSockets(): void {
  if (applied) return;
  applied = true;
  for (const mod of [net, tls] as Array<{ connect: (...args: unknown[]) => net.Socket }>) {
    const original = mod.connect;
    mod.connect = function connectWithoutNagle(this: unknown, ...args: unknown[]) {
      const socket = original.apply(this, args);
      socket.setNoDelay(true);
      return socket;
    };
  }
}
