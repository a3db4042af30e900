/**
 * Test support: a worker in this process that finishes whatever run split into queue jobs is still
 * live in a database (one whose `npm run sync` was killed, say: its jobs are retried here once
 * their worker's heartbeat has lapsed), as `npm run worker` or `npm start` would. Resolves once no
 * such run is left.
 */
import type { Pool } from "pg";
import { getBoss, stopBosses } from "../jobs/boss";
import { workSyncJobs } from "../jobs/sync-worker";
import { waitForRun } from "../jobs/wait-for-run";
import { LIVE_QUEUED_RUN } from "../sync/run-record";
import type { SyncSource } from "../sync/source";

export async function finishQueuedRuns(databaseUrl: string, pool: Pool, source: SyncSource): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM sync_runs WHERE ${LIVE_QUEUED_RUN}`);
  if (rows.length === 0) return [];
  const boss = await getBoss(databaseUrl, "worker");
  try {
    await workSyncJobs(boss, { pool, source, registriesAtOnce: 2, log: () => undefined });
    for (const { id } of rows) await waitForRun(pool, id);
    return rows.map((r) => r.id);
  } finally {
    await stopBosses();
  }
}
