import type { GraphQLResponse } from "./stack.js";

/** One request of a stream: when it was sent, how long it took, and what came back (or why nothing did). */
export interface Sample<T> {
  sentAt: number;
  ms: number;
  response?: GraphQLResponse<T>;
  failure?: string;
}

export interface Traffic<T> {
  samples: Array<Sample<T>>;
  /** Sends no more requests and resolves, with every sample, once those in flight have come back. */
  stop(): Promise<Array<Sample<T>>>;
}

/**
 * A steady stream of requests, one every `intervalMs` whether or not the previous ones came back (a hung answer
 * does not slow the stream), for fault tests: they read what each request got while a part of the hub was down.
 * Bounded: it stops by itself after `maxRequests`.
 */
export function startTraffic<T>(send: () => Promise<GraphQLResponse<T>>, intervalMs = 100, maxRequests = 1000): Traffic<T> {
  const samples: Array<Sample<T>> = [];
  const inFlight = new Set<Promise<void>>();
  const fire = () => {
    if (samples.length >= maxRequests) return clearInterval(timer);
    const sample: Sample<T> = { sentAt: Date.now(), ms: 0 };
    samples.push(sample);
    const done = send().then(
      (response) => void (sample.response = response),
      (error: unknown) => void (sample.failure = String(error)),
    );
    const settled = done.finally(() => {
      sample.ms = Date.now() - sample.sentAt;
      inFlight.delete(settled);
    });
    inFlight.add(settled);
  };
  const timer = setInterval(fire, intervalMs);
  fire();
  return {
    samples,
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      return samples;
    },
  };
}
