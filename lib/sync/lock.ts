/**
 * One sync at a time, installation-wide, across processes and machines: the "sync" lease
 * (lib/database/lease.ts), renewed while the run goes on and released at its end. A sync killed on
 * this machine leaves it to the next sync at once; one killed elsewhere, once it expires (a minute).
 */
import type { Pool } from "pg";
import { isLeaseHeld, tryAcquireLease, type Lease } from "../database/lease";
import { LedgerError } from "../errors";
import { LIVE_QUEUED_RUN } from "./run-record";

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

/**
 * Refuses (a conflict) while a sync runs: a queued run still live (its jobs on any worker, holding
 * no lock meanwhile), or a sync holding the lock. `what` names the refused work in the message.
 */
export async function refuseWhileSyncRuns(pool: Pool, what: string): Promise<void> {
  const { rows } = await pool.query<{ id: number; started_at: Date }>(
    `SELECT id, started_at FROM sync_runs WHERE ${LIVE_QUEUED_RUN} ORDER BY id DESC LIMIT 1`,
  );
  const running = rows[0] ?? ((await isSyncLockHeld(pool)) ? await newestRunning(pool) : undefined);
  if (running === undefined) return;
  const which = running ? ` (run #${running.id}, started ${running.started_at.toISOString()} UTC)` : "";
  throw new LedgerError(
    "conflict",
    `A sync is running${which}: ${what} refused; run it again once the sync has finished.`,
  );
}

async function newestRunning(pool: Pool): Promise<{ id: number; started_at: Date } | null> {
  const { rows } = await pool.query<{ id: number; started_at: Date }>(
    "SELECT id, started_at FROM sync_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1",
  );
  return rows[0] ?? null;
}
