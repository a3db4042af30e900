/**
 * Starting a sync run on the queue: under the sync lock, the run record is created (refused while
 * another run is running), subscriptions and registries discovered, and the run's plan stored with
 * one job per registry in one transaction: a run either has all its jobs or none. The lock is held
 * only for that; the run stays the running one until its last job finishes it (run-record.ts).
 */
import type { Pool } from "pg";
import type { PgBoss } from "pg-boss";
import type { AzureConnection } from "../azure/connection";
import type { Lease } from "../database/lease";
import { getEnv } from "../env";
import { passCrashPoint } from "../sync/crash-points";
import { discover } from "../sync/discover";
import { acquireSyncLock, releaseSyncLock } from "../sync/lock";
import { startRunRecord } from "../sync/run-record";
import type { SyncProgress, SyncSummary } from "../sync/types";
import { upsertSubscriptions } from "../sync/write-subscriptions";
import { SYNC_FINISH_QUEUE, SYNC_REGISTRY_QUEUE, wakeRunWorkers } from "./boss";
import { attendRun } from "./run-attendance";
import type { RunPlan } from "./run-plan";

export type StartSyncRunOptions = {
  pool: Pool;
  boss: PgBoss;
  connection: AzureConnection;
  asOf: Date;
  trigger: string;
  /** Parallel data-plane requests per registry. */
  concurrency: number;
  /** Repositories per batch job of a large registry (default SYNC_BATCH_REPOSITORIES). */
  batchRepositories?: number;
  /** The caller waits on the run: it gets the run's lease (run-attendance.ts) and releases it once done. */
  attend?: boolean;
};

export async function startSyncRun(
  options: StartSyncRunOptions,
): Promise<{ runId: number; registries: number; attendance?: Lease }> {
  const { pool, boss, asOf } = options;
  const lock = await acquireSyncLock(pool);
  let attendance: Lease | undefined;
  try {
    const runId = await startRunRecord(pool, options.trigger, asOf);
    // Taken before the jobs are queued (the run is live from then on), so it is never seen unattended.
    if (options.attend) attendance = await attendRun(pool, runId);
    const deadlineAt = new Date(Date.now() + getEnv().sync.timeoutMinutes * 60_000);
    const errors: SyncSummary["errors"] = [];
    const { registries, listedSubscriptions } = await discover(options.connection, errors);
    await upsertSubscriptions(
      pool,
      listedSubscriptions.map((s) => s.subscription),
      asOf,
    );
    await passCrashPoint("discovered");
    const plan: RunPlan = {
      subscriptions: listedSubscriptions.map(({ subscription }) => ({
        id: subscription.id,
        armIds: registries.filter((r) => r.subscriptionId === subscription.id).map((r) => r.armId),
      })),
      registries,
      concurrency: options.concurrency,
      deadlineAt,
      batchRepositories: options.batchRepositories ?? getEnv().sync.batchRepositories,
    };
    const progress: SyncProgress = {
      phase: "registries",
      registriesTotal: registries.length,
      registriesDone: 0,
      repositoriesTotal: 0,
      repositoriesDone: 0,
      manifestBodiesFetched: 0,
    };
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      // Discovery's errors (a subscription whose registries could not be listed) are the run's.
      await client.query("UPDATE sync_runs SET plan = $2, progress = $3, errors = $4 WHERE id = $1", [
        runId,
        JSON.stringify(plan),
        JSON.stringify(progress),
        JSON.stringify(errors),
      ]);
      const db = { executeSql: (text: string, values?: unknown[]) => client.query(text, values) };
      if (registries.length === 0) await boss.send(SYNC_FINISH_QUEUE, { runId }, { singletonKey: String(runId), db });
      else
        await boss.insert(
          SYNC_REGISTRY_QUEUE,
          registries.map((r) => ({ data: { runId, armId: r.armId }, singletonKey: `${runId}:${r.armId}` })),
          { db },
        );
      await client.query("COMMIT");
      wakeRunWorkers(boss);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      // The run never got its jobs: recorded failed rather than left running until its deadline.
      await pool.query(
        `UPDATE sync_runs SET status = 'failed', finished_at = now(), progress = progress || '{"phase":"done"}'::jsonb,
           errors = errors || $2::jsonb WHERE id = $1`,
        [runId, JSON.stringify([{ registry: "*", message: `queueing the run's jobs failed: ${String(error)}` }])],
      );
      throw error;
    } finally {
      client.release();
    }
    return { runId, registries: registries.length, attendance };
  } catch (error) {
    await attendance?.release();
    throw error;
  } finally {
    await releaseSyncLock(lock);
  }
}
