/**
 * Alerts POSTed to the webhook, each until one attempt is answered 2xx, then recorded delivered.
 * Each alert is sent under its row's lock (FOR UPDATE SKIP LOCKED), so two workers never send the
 * same alert at once, and its delivery is recorded in the same transaction as the lock: a restart
 * finds it delivered and sends nothing. A failed attempt (an error status, a refused connection,
 * no answer in time) is recorded with its reason and tried again after a growing delay. The one
 * window left, a receiver's 2xx lost with our process killed before the commit, repeats a delivery
 * with the same `id`, which receivers can drop.
 */
import type { Pool } from "pg";
import { inTransaction } from "../../database/transaction";
import { retryDelaySeconds } from "../alert";

export type DeliveryOptions = {
  url: string;
  /** Each attempt's limit: a receiver that hangs must not hold a worker. */
  timeoutMs?: number;
  /** Base of the retry delay (retryDelaySeconds); tests shorten it. */
  retryBaseSeconds?: number;
  /** At most this many attempts in one pass. */
  limit?: number;
};

export type DeliveryPass = { delivered: number; failed: number };

const MAX_ERROR_LENGTH = 500;

export async function deliverAlerts(pool: Pool, options: DeliveryOptions): Promise<DeliveryPass> {
  const pass: DeliveryPass = { delivered: 0, failed: 0 };
  const limit = options.limit ?? 100;
  while (pass.delivered + pass.failed < limit) {
    const client = await pool.connect();
    let outcome: "none" | "delivered" | "failed";
    try {
      outcome = await inTransaction(client, async () => {
        const { rows } = await client.query<{ id: number; attempts: number; payload: unknown }>(
          `SELECT id, attempts, payload FROM alerts
           WHERE delivered_at IS NULL AND next_attempt_at <= now()
           ORDER BY next_attempt_at, id
           LIMIT 1
           FOR UPDATE SKIP LOCKED`,
        );
        const alert = rows[0];
        if (!alert) return "none";
        const problem = await post(options.url, alert.payload, options.timeoutMs ?? 10_000);
        if (problem === undefined) {
          await client.query(
            "UPDATE alerts SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1",
            [alert.id],
          );
          return "delivered";
        }
        await client.query(
          `UPDATE alerts SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3)
           WHERE id = $1`,
          [
            alert.id,
            problem.slice(0, MAX_ERROR_LENGTH),
            retryDelaySeconds(alert.attempts + 1, options.retryBaseSeconds),
          ],
        );
        return "failed";
      });
    } finally {
      client.release();
    }
    if (outcome === "none") break;
    pass[outcome]++;
  }
  return pass;
}

/** undefined when the receiver answered 2xx; else what went wrong, for the alert's last_error. */
async function post(url: string, payload: unknown, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "registry-ledger-alerts" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok ? undefined : `HTTP ${response.status} ${response.statusText}`.trim();
  } catch (error) {
    if ((error as Error).name === "TimeoutError") return `no answer in ${timeoutMs} ms`;
    // fetch says only "fetch failed"; why (refused, unknown host, TLS) is in its cause.
    const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
    const reason = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message;
    return reason ? `${(error as Error).message}: ${reason}` : (error as Error).message;
  }
}
