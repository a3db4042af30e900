/**
 * A sync's deadline: an abort signal that fires once the time is up, its reason an error naming
 * the limit. Everything the sync sends to Azure runs under it (lib/azure/http-client.ts), so
 * requests in flight fail at once; the registry loop reads it to start nothing new.
 */
import { LedgerError } from "../errors";

export type Deadline = { signal: AbortSignal; clear(): void };

export function startDeadline(timeoutMs: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new LedgerError("internal", deadlineMessage(timeoutMs))), timeoutMs);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

function deadlineMessage(timeoutMs: number): string {
  const limit = timeoutMs % 60_000 === 0 ? `${timeoutMs / 60_000} minutes` : `${timeoutMs / 1000} s`;
  return `timed out: the sync passed its deadline of ${limit} (SYNC_TIMEOUT_MINUTES)`;
}
