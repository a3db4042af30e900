/**
 * One registry of a run split into queue jobs, on whichever worker takes it: the same read, write
 * and record as the in-process sync (lib/sync/sync-registry.ts). Safe to run again: a registry
 * whose outcome is recorded on the run is not synced twice, and one whose worker died before
 * recording it is synced again (its write is one transaction: committed whole or not at all, and
 * an unchanged registry written again changes nothing). The job that finds every registry of the
 * run recorded sends the run's finishing job.
 */
import pLimit from "p-limit";
import type { Pool } from "pg";
import type { PgBoss } from "pg-boss";
import type { AzureConnection } from "../azure/connection";
import { withAbortSignal } from "../azure/http-client";
import { LedgerError } from "../errors";
import { withRegistryReads } from "../sync/read-meter";
import { skipRegistry, syncRegistry, type RegistryRun } from "../sync/sync-registry";
import type { SyncProgress } from "../sync/types";
import { SYNC_FINISH_QUEUE } from "./boss";
import { readRun } from "./read-run";
import type { RegistryJobPayload } from "./run-plan";

export type RegistryJobContext = {
  pool: Pool;
  boss: PgBoss;
  connection: AzureConnection;
  /** Sets the source to the moment the run stands for before reading (a simulator's clock). */
  moveTo?: (asOf: Date) => Promise<void>;
};

export async function runRegistryJob(job: RegistryJobPayload, context: RegistryJobContext): Promise<void> {
  const { pool } = context;
  const run = await readRun(pool, job.runId);
  if (!run || run.status !== "running") return; // finished (or gone) meanwhile: nothing left to do
  const registry = run.plan.registries.find((r) => r.armId === job.armId);
  if (!registry) throw new LedgerError("internal", `run #${job.runId} has no registry ${job.armId}`);
  if (!(await isRecorded(pool, job))) {
    await context.moveTo?.(run.asOf);
    const progress: SyncProgress = {
      phase: "registries",
      registriesTotal: 1,
      registriesDone: 0,
      repositoriesTotal: 0,
      repositoriesDone: 0,
      manifestBodiesFetched: 0,
    };
    const controller = new AbortController();
    const remainingMs = run.plan.deadlineAt.getTime() - Date.now();
    const timer = setTimeout(() => controller.abort(deadlineError()), Math.max(0, remainingMs));
    if (remainingMs <= 0) controller.abort(deadlineError());
    const registryRun: RegistryRun = {
      pool,
      connection: context.connection,
      concurrency: run.plan.concurrency,
      asOf: run.asOf,
      runId: job.runId,
      progress,
      report: () => undefined,
      markRead: () => undefined,
      reading: pLimit(1),
      signal: controller.signal,
    };
    try {
      // Metered and held to the registry's read budget, shared with every other worker (lib/sync/read-meter.ts).
      await withRegistryReads(pool, registry, undefined, () =>
        controller.signal.aborted
          ? skipRegistry(registry, registryRun)
          : withAbortSignal(controller.signal, () => syncRegistry(registry, registryRun)),
      );
    } finally {
      clearTimeout(timer);
    }
    await addProgress(pool, job.runId, progress);
  }
  if (await isEveryRegistryRecorded(pool, job.runId, run.plan.registries.length))
    await context.boss.send(SYNC_FINISH_QUEUE, { runId: job.runId }, { singletonKey: String(job.runId) });
}

/** The message the finishing job reads to record the run "timed out". */
export const DEADLINE_PREFIX = "timed out:";

function deadlineError(): LedgerError {
  return new LedgerError(
    "internal",
    `${DEADLINE_PREFIX} the sync passed its deadline (SYNC_TIMEOUT_MINUTES); this registry was not written`,
  );
}

async function isRecorded(pool: Pool, job: RegistryJobPayload): Promise<boolean> {
  const { rows } = await pool.query(
    "SELECT 1 FROM sync_registry_results WHERE sync_run_id = $1 AND registry_arm_id = $2",
    [job.runId, job.armId],
  );
  return rows.length > 0;
}

async function isEveryRegistryRecorded(pool: Pool, runId: number, total: number): Promise<boolean> {
  const { rows } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM sync_registry_results WHERE sync_run_id = $1",
    [runId],
  );
  return rows[0].n >= total;
}

/**
 * The run's live progress, summed over its registries: registries done counted from their recorded
 * outcomes (never doubled by a job run again), repositories and bodies added by each job that ran.
 */
async function addProgress(pool: Pool, runId: number, p: SyncProgress): Promise<void> {
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
