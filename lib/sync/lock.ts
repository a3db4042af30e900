/**
 * One sync at a time, installation-wide, across processes and machines: the "sync" lease
 * (lib/database/lease.ts), renewed while the run goes on and released at its end. A sync killed on
 * this machine leaves it to the next sync at once; one killed elsewhere, once it expires (a minute).
 */
import type { Pool } from "pg";
import { isLeaseHeld, tryAcquireLease, type Lease } from "../database/lease";
import { LedgerError } from "../errors";

const SYNC_LEASE = "sync";

export type SyncLock = Lease;

export async function acquireSyncLock(pool: Pool, leaseMs?: number): Promise<SyncLock> {
  const lease = await tryAcquireLease(pool, SYNC_LEASE, leaseMs);
  if (lease) return lease;
  const running = await pool.query<{ id: number; started_at: Date }>(
    "SELECT id, started_at FROM sync_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1",
  );
  const which = running.rows[0]
    ? ` (run #${running.rows[0].id}, started ${running.rows[0].started_at.toISOString()} UTC)`
    : "";
  throw new LedgerError("conflict", `Another sync is already running${which}; wait for it to finish.`);
}

export function releaseSyncLock(lock: SyncLock): Promise<void> {
  return lock.release();
}

/** Whether some process holds the lock now: a run marked running while nobody does has ended. */
export function isSyncLockHeld(pool: Pool): Promise<boolean> {
  return isLeaseHeld(pool, SYNC_LEASE);
}
