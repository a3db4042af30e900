/**
 * The one HTTP client under every SDK client of a connection (management plane, data plane and
 * its token exchange, the app SDKs, the identity credential). Two bounds are kept here, below the
 * SDKs' retry policy:
 * - each attempt of each request has a timeout; a timed-out attempt fails as ETIMEDOUT, which the
 *   retry policy retries like a dropped connection, so a stalled endpoint costs at most
 *   (retries + 1) × timeout before the operation fails with a message naming the timeout;
 * - the abort signal of the surrounding scope (a sync's deadline, see withAbortSignal) stops every
 *   request in flight and refuses new ones, however deep in an SDK they are made.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { RestError, type HttpClient, type PipelineRequest } from "@azure/core-rest-pipeline";

const scope = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work` with every Azure request it makes (directly or through any SDK client, in any
 * callback or queue it starts) bound to `signal`: once aborted, requests in flight fail and new
 * ones are refused with the signal's reason.
 */
export function withAbortSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return scope.run(signal, work);
}

/** The surrounding scope's signal (see withAbortSignal), if any. */
export function scopeSignal(): AbortSignal | undefined {
  return scope.getStore();
}

type SignalLike = NonNullable<PipelineRequest["abortSignal"]>;

function toSignal(like: SignalLike): AbortSignal {
  if (like instanceof AbortSignal) return like;
  const controller = new AbortController();
  if (like.aborted) controller.abort();
  else like.addEventListener("abort", () => controller.abort());
  return controller.signal;
}

function describeTarget(request: PipelineRequest): string {
  const url = new URL(request.url);
  return `${request.method} ${url.origin}${url.pathname}`; // no query string: it may carry a SAS
}

/**
 * Aborts `controller` when `signal` does, until the returned release is called. A listener rather
 * than AbortSignal.any: this runs for every attempt of every request (about one per manifest body),
 * and each AbortSignal.any signal is tracked by weak references its sources hold until collected.
 */
function follow(signal: AbortSignal | undefined, controller: AbortController): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => undefined;
  }
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

export function boundedHttpClient(inner: HttpClient, timeoutMs: number): HttpClient {
  return {
    async sendRequest(request) {
      const outer = scope.getStore();
      if (outer?.aborted) throw outer.reason;
      // The request keeps the caller's signal joined with the scope's, so the retry policy's own
      // waits (Retry-After, back-off) end when the scope is aborted too. The attempt adds its timeout.
      const callers = [request.abortSignal, outer].filter((s): s is SignalLike => s !== undefined).map(toSignal);
      const kept = callers.length === 0 ? undefined : callers.length === 1 ? callers[0] : AbortSignal.any(callers);
      const attempt = new AbortController();
      const release = follow(kept, attempt);
      const timer = setTimeout(() => attempt.abort(), timeoutMs);
      request.abortSignal = attempt.signal;
      try {
        return await inner.sendRequest(request);
      } catch (error) {
        if (outer?.aborted) throw outer.reason;
        if (attempt.signal.aborted && !kept?.aborted) {
          throw new RestError(
            `${describeTarget(request)} timed out: no answer within ${timeoutMs / 1000} s (AZURE_REQUEST_TIMEOUT_SECONDS)`,
            {
              code: "ETIMEDOUT",
              request,
            },
          );
        }
        throw error;
      } finally {
        clearTimeout(timer);
        release();
        request.abortSignal = kept;
      }
    },
  };
}
