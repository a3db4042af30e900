/**
 * Named leases: one row per name in `leases`, held by an owner until it releases it or stops
 * renewing it. Unlike a session advisory lock, a lease lives in committed rows, each step one
 * short statement, so it holds through a transaction-mode pooler (PgBouncer), where no session
 * outlives its transaction. Times are the server's clock (now()), never this machine's.
 *
 * A holder that dies without releasing leaves its row until it expires. On the holder's own
 * machine that is not waited for: a row whose process is gone (or is this process, which no
 * longer holds it) may be taken at once.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Pool } from "pg";
import { LedgerError } from "../errors";

/** How long a lease lasts unless renewed; the holder renews it every third of that. */
export const DEFAULT_LEASE_MS = 60_000;

export type Lease = {
  name: string;
  owner: string;
  /** Set when a renewal found the row taken by another (the lease expired meanwhile). */
  readonly lost: boolean;
  /** Aborted when the lease is found lost, its reason saying so: the holder stops writing. */
  readonly signal: AbortSignal;
  release(): Promise<void>;
};

type Holder = { owner: string; host: string; pid: number };

/** Owners this process holds now. */
const held = new Set<string>();

/** A holder on this machine whose process has ended, or this process holding it no more. */
function isDeadLocalHolder(holder: Holder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (holder.pid === process.pid) return !held.has(holder.owner);
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Takes the lease, or answers undefined while a live holder has it. */
export async function tryAcquireLease(
  pool: Pool,
  name: string,
  leaseMs = DEFAULT_LEASE_MS,
): Promise<Lease | undefined> {
  const current = await pool.query<Holder>("SELECT owner, host, pid FROM leases WHERE name = $1", [name]);
  const takeable = current.rows.filter(isDeadLocalHolder).map((r) => r.owner);
  const owner = randomUUID();
  const { rowCount } = await pool.query(
    `INSERT INTO leases (name, owner, host, pid, expires_at)
     VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')
     ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, host = excluded.host, pid = excluded.pid,
       acquired_at = now(), expires_at = excluded.expires_at
     WHERE leases.expires_at <= now() OR leases.owner = ANY($6::uuid[])`,
    [name, owner, os.hostname(), process.pid, leaseMs, takeable],
  );
  if (rowCount !== 1) return undefined;
  held.add(owner);
  let lost = false;
  const lostController = new AbortController();
  let renewing: Promise<unknown> = Promise.resolve();
  const renew = async () => {
    const renewed = await pool.query(
      "UPDATE leases SET expires_at = now() + $3 * interval '1 millisecond' WHERE name = $1 AND owner = $2",
      [name, owner, leaseMs],
    );
    if (renewed.rowCount === 0) {
      lost = true;
      clearInterval(timer);
      lostController.abort(
        new LedgerError(
          "conflict",
          `the "${name}" lease was lost: it expired unrenewed (the database unreachable for ${leaseMs / 1000} s, or this process stalled) and another process took it; stopped before writing anything more`,
        ),
      );
    }
  };
  // A failed renewal (the server briefly gone) is retried at the next tick; the lease lasts three.
  const timer = setInterval(() => (renewing = renewing.then(renew).catch(() => undefined)), leaseMs / 3);
  timer.unref();
  return {
    name,
    owner,
    get lost() {
      return lost;
    },
    signal: lostController.signal,
    async release() {
      clearInterval(timer);
      await renewing;
      held.delete(owner);
      // When the server is gone the row stays until it expires (or this machine's next taker sees it is ours).
      await pool.query("DELETE FROM leases WHERE name = $1 AND owner = $2", [name, owner]).catch(() => undefined);
    },
  };
}

/** Whether a live holder has the lease now. */
export function isLeaseHeld(pool: Pool, name: string): Promise<boolean> {
  return isAnyLeaseHeld(pool, { names: [name] });
}

/** Whether a live holder has any of the leases `names`, or any whose name starts with `prefix`. */
export async function isAnyLeaseHeld(pool: Pool, which: { names?: string[]; prefix?: string }): Promise<boolean> {
  const { rows } = await pool.query<Holder & { live: boolean }>(
    `SELECT owner, host, pid, expires_at > now() AS live FROM leases
     WHERE name = ANY($1::text[]) OR starts_with(name, $2)`,
    [which.names ?? [], which.prefix ?? null],
  );
  return rows.some((r) => r.live && !isDeadLocalHolder(r));
}
