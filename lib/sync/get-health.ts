import "server-only";
import type { Pool } from "pg";
import { getPool } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { describeError } from "@/lib/errors";
import { judgeSyncHealth, type StoredRun, type SyncHealth } from "@/lib/sync/health";
import { isSyncLockHeld } from "@/lib/sync/lock";
import { LIVE_QUEUED_RUN } from "@/lib/sync/run-record";

/** What GET /api/health answers: the database, then the sync's freshness (lib/sync/health.ts). */
export type Health = ({ database: "ok" } & SyncHealth) | { ok: false; database: string; reasons: string[] };

/** A database that does not answer in this long is unreachable to a health check (which must never hang). */
const DATABASE_WAIT_MS = 5_000;

type Row = { id: number; status: string; started_at: Date; finished_at: Date | null };

const toRun = (row: Row | undefined): StoredRun | null =>
  row ? { id: row.id, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at } : null;

async function readRuns(pool: Pool) {
  const one = async (where: string, order: "ASC" | "DESC") =>
    toRun(
      (
        await pool.query<Row>(
          `SELECT id, status, started_at, finished_at FROM sync_runs WHERE ${where} ORDER BY started_at ${order}, id ${order} LIMIT 1`,
        )
      ).rows[0],
    );
  const [lastRun, lastSuccess, firstRun, marked, lockHeld, queued] = await Promise.all([
    one("status <> 'running'", "DESC"),
    one("status IN ('succeeded', 'partial')", "DESC"),
    one("true", "ASC"),
    one("status = 'running'", "DESC"),
    isSyncLockHeld(pool),
    one(LIVE_QUEUED_RUN, "DESC"),
  ]);
  // A run marked running while no process holds the lock has ended (the next sync records it
  // "interrupted"), unless its workers run it from the queue.
  return { lastRun, lastSuccess, firstRun, running: lockHeld ? marked : queued };
}

function withinWait<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_WAIT_MS / 1000} s`)), DATABASE_WAIT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function getHealth(options: { pool?: () => Promise<Pool>; now?: Date } = {}): Promise<Health> {
  const env = getEnv();
  let runs: Awaited<ReturnType<typeof readRuns>>;
  try {
    runs = await withinWait((options.pool ?? getPool)().then(readRuns));
  } catch (error) {
    const database = `unreachable: ${describeError(error)}`;
    return { ok: false, database, reasons: [`the database is ${database}`] };
  }
  const health = judgeSyncHealth({
    now: options.now ?? new Date(),
    schedule: env.sync.schedule,
    timeoutMinutes: env.sync.timeoutMinutes,
    ...runs,
  });
  return { database: "ok", ...health };
}
