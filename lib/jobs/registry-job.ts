/**
 * One registry of a run split into queue jobs, on whichever worker takes it: the same read, write
 * and record as the in-process sync (lib/sync/sync-registry.ts). A registry with more repositories
 * than the run's batch size is read as batch jobs instead (registry-batches.ts), and this job, sent
 * again by the last batch, writes it from what they staged. Safe to run again: a registry whose
 * outcome is recorded on the run is not synced twice, and one whose worker died before recording
 * it is synced again (its write is one transaction: committed whole or not at all, and an
 * unchanged registry written again changes nothing). The job that finds every registry of the run
 * recorded sends the run's finishing job.
 */
import pLimit from "p-limit";
import type { AzureRegistry } from "../azure/types";
import { withAbortSignal } from "../azure/http-client";
import { LedgerError } from "../errors";
import { readRegistryHead } from "../sync/fetch-registry";
import { withRegistryReads } from "../sync/read-meter";
import {
  recordRegistryFailure,
  registryFetchContext,
  skipRegistry,
  syncRegistry,
  type RegistryOutcome,
  type RegistryRun,
} from "../sync/sync-registry";
import {
  addProgress,
  finishWhenEveryRegistryRecorded,
  isRecorded,
  newJobProgress,
  withRunDeadline,
  type JobContext,
} from "./job-run";
import type { MemoryBudget } from "./memory-budget";
import { readRun, type QueuedRun } from "./read-run";
import { listStagedParts, stageRegistryBatches, writeStagedRegistry } from "./registry-batches";
import type { RegistryJobPayload } from "./run-plan";

/** A worker's job context with the memory budget its registry and batch jobs share. */
export type WorkerJobContext = JobContext & { budget: MemoryBudget };

export async function runRegistryJob(job: RegistryJobPayload, context: WorkerJobContext): Promise<void> {
  const { pool } = context;
  const run = await readRun(pool, job.runId);
  if (!run || run.status !== "running") return; // finished (or gone) meanwhile: nothing left to do
  const registry = run.plan.registries.find((r) => r.armId === job.armId);
  if (!registry) throw new LedgerError("internal", `run #${job.runId} has no registry ${job.armId}`);
  if (!(await isRecorded(pool, job.runId, job.armId))) {
    await context.moveTo?.(run.asOf);
    const progress = newJobProgress();
    await withRunDeadline(run.plan.deadlineAt, async (signal) => {
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
        signal,
      };
      // Metered and held to the registry's read budget, shared with every other worker (lib/sync/read-meter.ts).
      await withRegistryReads(pool, registry, undefined, () =>
        signal.aborted
          ? skipRegistry(registry, registryRun)
          : withAbortSignal(signal, () => syncOrSplit(registry, registryRun, run, context)),
      );
    });
    await addProgress(pool, job.runId, progress);
  }
  await finishWhenEveryRegistryRecorded(pool, context.boss, job.runId, run.plan.registries.length);
}

/**
 * A registry read in batches is written once every part is staged (the last batch sends this job
 * again); any other is read here, whole unless its catalog is larger than a batch. Its ARM details
 * and catalog are read first, outside the memory budget (names only); the read and the write then
 * take the budget for every repository they hold.
 */
async function syncOrSplit(
  registry: AzureRegistry,
  registryRun: RegistryRun,
  run: QueuedRun,
  context: WorkerJobContext,
): Promise<RegistryOutcome | undefined> {
  const { pool, runId } = registryRun;
  const startedAt = new Date();
  const parts = await listStagedParts(pool, runId, registry.armId);
  try {
    if (parts.length > 0) {
      if (!parts.every((p) => p.staged)) return undefined;
      // The write and the figures kept after it grow with the whole registry, not one part.
      const repositories = parts.reduce((n, p) => n + p.repositories, 0);
      return await context.budget.run(repositories, () => writeStagedRegistry(registry, registryRun));
    }
    const head = await readRegistryHead(registry, await registryFetchContext(registry, registryRun));
    if (head.catalog.length <= run.plan.batchRepositories)
      return await context.budget.run(head.catalog.length, () => syncRegistry(registry, { ...registryRun, head }));
    registryRun.progress.repositoriesTotal += head.catalog.length;
    const target = { runId, armId: registry.armId, batchRepositories: run.plan.batchRepositories };
    await stageRegistryBatches(pool, context.boss, target, head);
    return undefined;
  } catch (error) {
    return recordRegistryFailure(registry, registryRun, error, startedAt);
  }
}
