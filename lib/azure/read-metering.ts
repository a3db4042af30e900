/**
 * Data-plane requests metered per registry: below the SDKs' retry and challenge policies, so
 * every request that reaches a registry (each attempt, each 401 challenge, each token exchange)
 * first waits for its registry's read budget and is then counted, 429s apart. The meter comes from
 * the surrounding scope (a sync), like the abort signal: requests to other hosts, and requests
 * outside any scope, go straight through.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { HttpClient } from "@azure/core-rest-pipeline";
import { scopeSignal } from "./http-client";

export type RegistryReads = {
  /** Resolves once the request may be sent (the budget's token taken); rejects when `signal` aborts. */
  take(signal: AbortSignal | undefined): Promise<void>;
  /** The request was sent: its status (undefined when no answer came). */
  sent(status: number | undefined): void;
};

export type ReadGate = {
  /** The registry served at `host` (host[:port], lower case), or undefined for any other host. */
  forHost(host: string): RegistryReads | undefined;
};

const scope = new AsyncLocalStorage<ReadGate>();

/** Runs `work` with every data-plane request it makes, however deep in an SDK, going through `gate`. */
export function withReadGate<T>(gate: ReadGate, work: () => Promise<T>): Promise<T> {
  return scope.run(gate, work);
}

function joined(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}

export function meteredHttpClient(inner: HttpClient): HttpClient {
  return {
    async sendRequest(request) {
      const reads = scope.getStore()?.forHost(new URL(request.url).host.toLowerCase());
      if (!reads) return inner.sendRequest(request);
      const callers = request.abortSignal instanceof AbortSignal ? request.abortSignal : undefined;
      await reads.take(joined([callers, scopeSignal()]));
      let status: number | undefined;
      try {
        const response = await inner.sendRequest(request);
        status = response.status;
        return response;
      } finally {
        reads.sent(status);
      }
    },
  };
}
