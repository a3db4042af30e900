/**
 * Test support: a worker in this process that finishes whatever run split into queue jobs is still
 * live in a database (one whose `npm run sync` was killed, say), as `npm run worker` or
 * `npm start` would. Resolves once no such run is left.
 */
import type { Pool } from "pg";
import { getBoss, stopBosses } from "../jobs/boss";
import { takeOverRun } from "../jobs/run-attendance";
import { workSyncJobs } from "../jobs/sync-worker";
import { waitForRun } from "../jobs/wait-for-run";
import { LIVE_QUEUED_RUN } from "../sync/run-record";
import type { SyncSource } from "../sync/source";

export async function finishQueuedRuns(databaseUrl: string, pool: Pool, source: SyncSource): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM sync_runs WHERE ${LIVE_QUEUED_RUN}`);
  if (rows.length === 0) return [];
  const boss = await getBoss(databaseUrl, "worker");
  try {
    // As the next `npm run sync` does: a run its dead process left has that process's active jobs
    // failed for retry now, rather than once their heartbeat lapses.
    const attendances = [];
    for (const { id } of rows) attendances.push(await takeOverRun(pool, boss, id));
    try {
      await workSyncJobs(boss, { pool, source, registriesAtOnce: 2, log: () => undefined });
      for (const { id } of rows) await waitForRun(pool, id);
    } finally {
      for (const lease of attendances) await lease?.release();
    }
    return rows.map((r) => r.id);
  } finally {
    await stopBosses();
  }
}
