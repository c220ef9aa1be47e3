import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { ErrorCode, type Logger } from "@cix/core";
import { GraphQLError } from "graphql";
import CircuitBreaker from "opossum";
import { Gauge } from "prom-client";

type Fetcher = RemoteGraphQLDataSource["fetcher"];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

const circuitOpen = new Gauge({
  name: "cix_gateway_circuit_open",
  help: "1 while the gateway's circuit to a subgraph is open or half-open (its fields answer SERVICE_UNAVAILABLE without a call, but for one probe), 0 when closed",
  labelNames: ["subgraph"] as const,
});

export interface CircuitSettings {
  /** CIX_SUBGRAPH_TIMEOUT_MS: the longest a fetch may take, so the statistics window must be longer. */
  timeoutMs: number;
  /** CIX_CIRCUIT_MIN_FETCHES: fetches in the window before the circuit may open (it opens when more than half failed). */
  minFetches: number;
  /** CIX_CIRCUIT_RESET_MS: how long an open circuit refuses calls before one probe goes through. */
  resetMs: number;
}

/** A 502–504 answer: a failure to the breaker, then handed back so that `errorFromResponse` reads it as before. */
class UnavailableStatus extends Error {
  constructor(readonly response: FetcherResponse) {
    super(`the subgraph answered HTTP ${response.status}`);
  }
}

/**
 * `fetcher` behind a circuit breaker (opossum) for one subgraph. Failures are what make a subgraph unreachable: a
 * refused, reset or timed-out fetch (its own AbortSignal timeout) and a 502–504. While the circuit is open a call
 * is refused at once, without a socket, as SERVICE_UNAVAILABLE (its fields are null, see `unavailableResponse`);
 * after `resetMs` one call probes the subgraph, and its success closes the circuit.
 */
export function circuitBreakingFetcher(subgraph: string, fetcher: Fetcher, settings: CircuitSettings, log: Logger): Fetcher {
  const breaker = new CircuitBreaker<Parameters<Fetcher>, FetcherResponse>(
    async (url, init) => {
      const response = await fetcher(url, init);
      if (response.status >= 502 && response.status <= 504) throw new UnavailableStatus(response);
      return response;
    },
    {
      name: subgraph,
      // The fetch times out by itself (signingFetcher): opossum's own timer could not abort it.
      timeout: false,
      errorThresholdPercentage: 50,
      volumeThreshold: settings.minFetches,
      resetTimeout: settings.resetMs,
      // Longer than a fetch may take, so that a failure still meets the fire that started it in the window.
      rollingCountTimeout: Math.max(10_000, 2 * settings.timeoutMs),
    },
  );
  circuitOpen.set({ subgraph }, 0);
  breaker.on("open", () => {
    circuitOpen.set({ subgraph }, 1);
    log.warn({ subgraph, probeInMs: settings.resetMs }, "circuit opened: the subgraph's fields answer SERVICE_UNAVAILABLE without calling it");
  });
  breaker.on("halfOpen", () => log.info({ subgraph }, "circuit half-open: the next call probes the subgraph"));
  breaker.on("close", () => {
    circuitOpen.set({ subgraph }, 0);
    log.info({ subgraph }, "circuit closed: the subgraph answers again");
  });
  return async (url, init) => {
    try {
      return await breaker.fire(url, init);
    } catch (error) {
      if (error instanceof UnavailableStatus) return error.response;
      // Refused by the open circuit: the message goes to the gateway's log only.
      if (error instanceof Error && CircuitBreaker.isOurError(error)) throw new GraphQLError("circuit open: call refused", { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
      throw error;
    }
  };
}
