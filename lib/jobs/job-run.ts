/**
 * What the registry and batch jobs of a queued run share: the run's deadline as an abort signal,
 * whether a registry's outcome is recorded, the run's live progress summed over its jobs, and the
 * finishing job sent once every registry is recorded.
 */
import type { Pool } from "pg";
import type { PgBoss } from "pg-boss";
import type { AzureConnection } from "../azure/connection";
import { LedgerError } from "../errors";
import type { SyncProgress } from "../sync/types";
import { SYNC_FINISH_QUEUE } from "./boss";

/** What a worker hands its registry and batch jobs. */
export type JobContext = {
  pool: Pool;
  boss: PgBoss;
  connection: AzureConnection;
  /** Sets the source to the moment the run stands for before reading (a simulator's clock). */
  moveTo?: (asOf: Date) => Promise<void>;
};

/** The message the finishing job reads to record the run "timed out". */
export const DEADLINE_PREFIX = "timed out:";

function deadlineError(): LedgerError {
  return new LedgerError(
    "internal",
    `${DEADLINE_PREFIX} the sync passed its deadline (SYNC_TIMEOUT_MINUTES); this registry was not written`,
  );
}

/** Runs `work` with a signal aborted at the run's deadline (at once when it has passed). */
export async function withRunDeadline<T>(deadlineAt: Date, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const remainingMs = deadlineAt.getTime() - Date.now();
  const timer = setTimeout(() => controller.abort(deadlineError()), Math.max(0, remainingMs));
  if (remainingMs <= 0) controller.abort(deadlineError());
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

export function newJobProgress(): SyncProgress {
  return {
    phase: "registries",
    registriesTotal: 1,
    registriesDone: 0,
    repositoriesTotal: 0,
    repositoriesDone: 0,
    manifestBodiesFetched: 0,
  };
}

export async function isRecorded(pool: Pool, runId: number, armId: string): Promise<boolean> {
  const { rows } = await pool.query(
    "SELECT 1 FROM sync_registry_results WHERE sync_run_id = $1 AND registry_arm_id = $2",
    [runId, armId],
  );
  return rows.length > 0;
}

/** Sends the run's finishing job once every registry of it has its outcome recorded. */
export async function finishWhenEveryRegistryRecorded(pool: Pool, boss: PgBoss, runId: number, total: number) {
  const { rows } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM sync_registry_results WHERE sync_run_id = $1",
    [runId],
  );
  if (rows[0].n >= total) await boss.send(SYNC_FINISH_QUEUE, { runId }, { singletonKey: String(runId) });
}

/**
 * The run's live progress, summed over its jobs: registries done counted from their recorded
 * outcomes (never doubled by a job run again), repositories and bodies added by each job that ran.
 */
export async function addProgress(pool: Pool, runId: number, p: SyncProgress): Promise<void> {
  await pool.query(
    `UPDATE sync_runs SET progress = progress || jsonb_build_object(
       'registriesDone', (SELECT count(*)::int FROM sync_registry_results WHERE sync_run_id = $1),
       'repositoriesTotal', coalesce((progress->>'repositoriesTotal')::int, 0) + $2,
       'repositoriesDone', coalesce((progress->>'repositoriesDone')::int, 0) + $3,
       'manifestBodiesFetched', coalesce((progress->>'manifestBodiesFetched')::int, 0) + $4)
     WHERE id = $1`,
    [runId, p.repositoriesTotal, p.repositoriesDone, p.manifestBodiesFetched],
  );
}
