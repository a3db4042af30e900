/**
 * The sync worker. Every worker (`npm run worker`, and the one inside `npm start`) runs the queued
 * runs' registry jobs, N at a time, and their finishing jobs. The one inside `npm start` also
 * schedules runs with SYNC_SCHEDULE (cron, through pg-boss: no home-made timer) and starts the
 * requested ones: discovery, then one job per registry (start-sync-run.ts). Every worker also
 * retries the alerts not yet delivered to the webhook, once a minute.
 */
import type { Pool } from "pg";
import type { PgBoss } from "pg-boss";
import { deliverPendingAlerts } from "../alerts/server/evaluate-alerts";
import { getEnv } from "../env";
import { describeError, isLedgerError } from "../errors";
import type { SyncSource } from "../sync/source";
import {
  getBoss,
  RUN_QUEUE_POLLING,
  SYNC_BATCH_QUEUE,
  SYNC_FINISH_QUEUE,
  SYNC_QUEUE,
  SYNC_REGISTRY_QUEUE,
  syncJobPayload,
  wakeRunWorkers,
} from "./boss";
import { runFinishJob } from "./finish-job";
import { runRegistryJob } from "./registry-job";
import { createMemoryBudget } from "./memory-budget";
import { holdWorkerLease } from "./run-attendance";
import { runBatchJob } from "./registry-batches";
import { batchJobPayload, finishJobPayload, registryJobPayload } from "./run-plan";
import { startSyncRun } from "./start-sync-run";

export type SyncWorkerOptions = {
  databaseUrl: string;
  pool: Pool;
  source: SyncSource;
  schedule: string;
  /** Parallel data-plane requests per registry. */
  concurrency: number;
  log: (message: string) => void;
};

export async function startSyncWorker(options: SyncWorkerOptions): Promise<void> {
  const boss = await getBoss(options.databaseUrl, "worker");
  await boss.schedule(SYNC_QUEUE, options.schedule, { trigger: "schedule" }, { tz: "UTC" });
  await boss.work(SYNC_QUEUE, { batchSize: 1 }, async ([job]) => {
    const { trigger } = syncJobPayload.parse(job.data ?? {});
    try {
      const { runId, registries } = await startSyncRun({
        pool: options.pool,
        boss,
        connection: options.source.connection,
        asOf: await options.source.now(),
        trigger,
        concurrency: options.concurrency,
      });
      options.log(`sync #${runId} started: ${registries} registries queued`);
    } catch (error) {
      // A refused sync (another is running) is not a job failure worth retrying.
      if (isLedgerError(error, "conflict")) options.log(describeError(error));
      else throw error;
    }
  });
  await workSyncJobs(boss, { ...options, registriesAtOnce: 2 });
}

export type SyncJobsOptions = {
  pool: Pool;
  source: SyncSource;
  /** Registry jobs this process runs at once (and as many batch jobs), within its memory budget. */
  registriesAtOnce: number;
  /** The memory budget, in repositories held at once (default SYNC_REPOSITORIES_AT_ONCE). */
  repositoriesAtOnce?: number;
  log: (message: string) => void;
};

/** Works the registry and finishing queues until the boss stops. */
export async function workSyncJobs(boss: PgBoss, options: SyncJobsOptions): Promise<void> {
  const { source } = options;
  // While it works the queues this worker attends every live run (run-attendance.ts).
  const attendance = await holdWorkerLease(options.pool);
  const delivery = deliverAlertsEvery(options.pool, ALERT_DELIVERY_SECONDS);
  boss.once("stopped", () => {
    clearInterval(delivery);
    void attendance.release();
  });
  const context = {
    pool: options.pool,
    boss,
    connection: source.connection,
    moveTo: async (asOf: Date) => source.moveTo?.(asOf),
    // One budget for both queues: a registry job and a batch job never hold more than it together.
    budget: createMemoryBudget(options.repositoriesAtOnce ?? getEnv().sync.repositoriesAtOnce),
  };
  const parallel = { batchSize: 1, localConcurrency: options.registriesAtOnce, ...RUN_QUEUE_POLLING };
  await boss.work(SYNC_REGISTRY_QUEUE, parallel, async ([job]) => {
    await waking(boss, () => runRegistryJob(registryJobPayload.parse(job.data), context));
  });
  await boss.work(SYNC_BATCH_QUEUE, parallel, async ([job]) => {
    await waking(boss, () => runBatchJob(batchJobPayload.parse(job.data), context));
  });
  await boss.work(SYNC_FINISH_QUEUE, { batchSize: 1, ...RUN_QUEUE_POLLING }, async ([job]) => {
    const summary = await runFinishJob(finishJobPayload.parse(job.data).runId, context);
    if (summary)
      options.log(
        `sync #${summary.runId} ${summary.status}: ${summary.registries} registries, ${summary.repositories} repositories in ${summary.durationMs} ms`,
      );
  });
}

/** Alerts a sync raised but could not deliver (the receiver down) are retried from every worker. */
const ALERT_DELIVERY_SECONDS = 60;

function deliverAlertsEvery(pool: Pool, seconds: number): NodeJS.Timeout {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void deliverPendingAlerts(pool).finally(() => (busy = false));
  }, seconds * 1000);
  timer.unref();
  return timer;
}

/** A job done (or failed), what it queued and what is left are taken at once by this process's idle workers. */
async function waking(boss: PgBoss, job: () => Promise<void>): Promise<void> {
  try {
    await job();
  } finally {
    wakeRunWorkers(boss);
  }
}
