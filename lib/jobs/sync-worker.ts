/**
 * The server's sync worker: runs queued syncs one at a time and schedules them with
 * SYNC_SCHEDULE (cron, through pg-boss: no home-made timer).
 */
import type { Pool } from "pg";
import { describeError, isLedgerError } from "../errors";
import { runSync } from "../sync/run-sync";
import type { SyncSource } from "../sync/source";
import { getBoss, SYNC_QUEUE, syncJobPayload } from "./boss";

export type SyncWorkerOptions = {
  databaseUrl: string;
  pool: Pool;
  source: SyncSource;
  schedule: string;
  concurrency: number;
  log: (message: string) => void;
};

export async function startSyncWorker(options: SyncWorkerOptions): Promise<void> {
  const boss = await getBoss(options.databaseUrl, "worker");
  await boss.schedule(SYNC_QUEUE, options.schedule, { trigger: "schedule" }, { tz: "UTC" });
  await boss.work(SYNC_QUEUE, { batchSize: 1 }, async ([job]) => {
    const { trigger } = syncJobPayload.parse(job.data ?? {});
    try {
      const summary = await runSync({
        pool: options.pool,
        connection: options.source.connection,
        asOf: await options.source.now(),
        trigger,
        concurrency: options.concurrency,
      });
      options.log(
        `sync #${summary.runId} ${summary.status}: ${summary.registries} registries, ${summary.repositories} repositories in ${summary.durationMs} ms`,
      );
    } catch (error) {
      // A refused sync (another is running) is not a job failure worth retrying.
      if (isLedgerError(error, "conflict")) options.log(describeError(error));
      else throw error;
    }
  });
}
