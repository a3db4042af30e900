/**
 * One sync at a time, installation-wide: a session-level Postgres advisory lock held on a
 * dedicated connection for the whole run. It is released when that connection ends, so a
 * crashed sync never leaves the lock behind.
 */
import type { Pool, PoolClient } from "pg";
import { LedgerError } from "../errors";

const SYNC_LOCK_KEY = 7_340_021; // arbitrary, constant: "the sync"

const ignoreError = () => undefined;

export async function acquireSyncLock(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  // Held for the whole run: if the server goes away meanwhile, the lock is gone with it and the
  // sync's own statements fail; the connection's error must not take the process down.
  client.on("error", ignoreError);
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      SYNC_LOCK_KEY,
    ]);
    if (rows[0].locked) return client;
    const running = await client.query<{ id: number; started_at: Date }>(
      "SELECT id, started_at FROM sync_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1",
    );
    const which = running.rows[0]
      ? ` (run #${running.rows[0].id}, started ${running.rows[0].started_at.toISOString()} UTC)`
      : "";
    throw new LedgerError("conflict", `Another sync is already running${which}; wait for it to finish.`);
  } catch (error) {
    client.off("error", ignoreError);
    client.release();
    throw error;
  }
}

export async function releaseSyncLock(client: PoolClient): Promise<void> {
  let gone = false;
  try {
    await client.query("SELECT pg_advisory_unlock($1)", [SYNC_LOCK_KEY]);
  } catch {
    gone = true; // the connection is gone, and the lock with it: keep the sync's outcome
  }
  client.off("error", ignoreError);
  client.release(gone);
}

/** Whether some process holds the lock now: a run marked running while nobody does has ended. */
export async function isSyncLockHeld(pool: Pool): Promise<boolean> {
  // A one-bigint advisory key shows in pg_locks as classid (high 32 bits), objid (low), objsubid 1;
  // advisory locks belong to one database, and pg_locks lists the whole server's.
  const { rows } = await pool.query<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND classid = ($1::int8 >> 32)::oid AND objid = ($1::int8 & 4294967295)::oid) AS held`,
    [SYNC_LOCK_KEY],
  );
  return rows[0].held;
}
