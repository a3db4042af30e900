/**
 * Who attends a run split into queue jobs. A run is attended while a live process will see it
 * through: the `npm run sync` that started it and waits on it (holding the lease `sync-run:<id>`
 * from before its jobs are queued until it has its summary), or any live worker (each holds a
 * `sync-worker:<uuid>` lease while it works the queues, and works every run's jobs). A run nobody
 * attends was left by a sync that stopped (or queued with --no-wait and no worker running): the
 * next `npm run sync` finishes it. Leases are rows (lib/database/lease.ts), so a holder killed at
 * any instant stops attending at once on its machine and within a minute elsewhere.
 */
import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import type { PgBoss } from "pg-boss";
import { isAnyLeaseHeld, tryAcquireLease, type Lease } from "../database/lease";
import { LedgerError } from "../errors";
import { LIVE_QUEUED_RUN } from "../sync/run-record";
import { RUN_QUEUES } from "./boss";

const WORKER_LEASE_PREFIX = "sync-worker:";
const runLeaseName = (runId: number) => `sync-run:${runId}`;

type LiveRun = { id: number; started_at: Date };

/** The lease of the process that waits on the run; undefined when a live process holds it already. */
export function attendRun(pool: Pool, runId: number): Promise<Lease | undefined> {
  return tryAcquireLease(pool, runLeaseName(runId));
}

/** Held by a worker while it works the queues. Dead workers' expired rows are swept on the way. */
export async function holdWorkerLease(pool: Pool): Promise<Lease> {
  await pool.query("DELETE FROM leases WHERE starts_with(name, $1) AND expires_at <= now()", [WORKER_LEASE_PREFIX]);
  const lease = await tryAcquireLease(pool, `${WORKER_LEASE_PREFIX}${randomUUID()}`);
  if (!lease) throw new Error("a fresh worker lease was found taken");
  return lease;
}

/** The newest run still live on the queue, if any. */
async function findLiveRun(pool: Pool): Promise<LiveRun | undefined> {
  const { rows } = await pool.query<LiveRun>(
    `SELECT id, started_at FROM sync_runs WHERE ${LIVE_QUEUED_RUN} ORDER BY id DESC LIMIT 1`,
  );
  return rows[0];
}

export function isRunAttended(pool: Pool, runId: number): Promise<boolean> {
  return isAnyLeaseHeld(pool, { names: [runLeaseName(runId)], prefix: WORKER_LEASE_PREFIX });
}

/**
 * Takes an unattended run over: its lease, and its jobs left active by its dead worker failed now
 * (so pg-boss retries them after its short retry delay) rather than once their heartbeat lapses.
 * The active jobs are read before the attendance check: a worker holds its lease before it takes a
 * job, so any worker that took one of them would still be seen attending unless it is dead.
 * Undefined when the run is attended (or another process took it over first).
 */
export async function takeOverRun(pool: Pool, boss: PgBoss, runId: number): Promise<Lease | undefined> {
  const { rows: active } = await pool.query<{ name: string; id: string; retryCount: number }>(
    `SELECT name, id, retry_count AS "retryCount" FROM pgboss.job WHERE name = ANY($1::text[]) AND state = 'active' AND (data->>'runId')::int = $2`,
    [RUN_QUEUES, runId],
  );
  if (await isRunAttended(pool, runId)) return undefined;
  const lease = await attendRun(pool, runId);
  if (!lease) return undefined;
  for (const queue of RUN_QUEUES) {
    // By attempt: an attempt some worker claimed since is left alone.
    const attempts = active.filter((j) => j.name === queue).map(({ id, retryCount }) => ({ id, retryCount }));
    if (attempts.length > 0) await boss.fail(queue, attempts, { message: "its worker stopped" });
  }
  return lease;
}

/**
 * The live run, if any, taken over for this process to finish (takeOverRun); a conflict, naming it,
 * when a live process attends it.
 */
export async function takeOverLeftRun(
  pool: Pool,
  boss: PgBoss,
): Promise<{ runId: number; attendance: Lease } | undefined> {
  const live = await findLiveRun(pool);
  if (!live) return undefined;
  const attendance = await takeOverRun(pool, boss, live.id);
  if (attendance) return { runId: live.id, attendance };
  throw new LedgerError(
    "conflict",
    `Another sync is already running (run #${live.id}, started ${live.started_at.toISOString()} UTC); wait for it to finish.`,
  );
}
