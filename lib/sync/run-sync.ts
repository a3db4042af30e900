/**
 * The sync pipeline: discover subscriptions and registries, then per registry (bounded
 * concurrency) fetch from Azure, store immutable manifest facts, and write the registry's
 * inventory in one transaction. A registry that fails keeps its last good inventory; the others
 * still complete. Never imports next/*: the CLI, the job worker and tests all run it.
 */
import pLimit from "p-limit";
import type { Pool } from "pg";
import type { AzureConnection } from "../azure/connection";
import { withAbortSignal } from "../azure/http-client";
import { getEnv } from "../env";
import { passCrashPoint } from "./crash-points";
import { startDeadline } from "./deadline";
import { discover } from "./discover";
import { finishRun } from "./finish-run";
import { describeError } from "../errors";
import { acquireSyncLock, releaseSyncLock, type SyncLock } from "./lock";
import type { ReadBudgetSettings } from "./read-budget";
import { withRegistryReads } from "./read-meter";
import { finishRunRecord, progressWriter, startRunRecord } from "./run-record";
import { skipRegistry, syncRegistry, type RegistryRun } from "./sync-registry";
import type { SyncProgress, SyncSummary } from "./types";
import { sumInventory, upsertSubscriptions } from "./write-subscriptions";

export type RunSyncOptions = {
  pool: Pool;
  connection: AzureConnection;
  /** The moment the sync stands for (snapshots are written for its UTC day). Default: now. */
  asOf?: Date;
  trigger?: string;
  /** Parallel data-plane requests per registry. */
  concurrency?: number;
  /** Registries read from Azure at once (default 2); as many more may be writing meanwhile. */
  registryConcurrency?: number;
  /**
   * Read the apps' in-use images too (default true). Each sync replaces that import whole, so
   * the demo's history replay reads them on its last day only: the result is the same.
   */
  appImages?: boolean;
  /**
   * Called once every registry has been read from Azure (only writing is left, and the apps'
   * in-use images if `appImages`): the history replay moves the simulator's clock on meanwhile.
   */
  onRead?: () => void;
  onProgress?: (progress: SyncProgress) => void;
  /**
   * The sync's deadline (default SYNC_TIMEOUT_MINUTES): past it, requests in flight are aborted,
   * no registry is started or written any more, and the run is recorded "timed out".
   */
  timeoutMs?: number;
  /** Each registry's read budget (default: ACR_READ_LIMITS and ACR_READ_BUDGET_FRACTION); null: none, requests only counted. */
  readBudget?: ReadBudgetSettings | null;
  /** How long the sync lease lasts unless renewed (default a minute; renewed every third of it). */
  leaseMs?: number;
};

export async function runSync(options: RunSyncOptions): Promise<SyncSummary> {
  const deadline = startDeadline(options.timeoutMs ?? getEnv().sync.timeoutMinutes * 60_000);
  try {
    return await withAbortSignal(deadline.signal, () => syncWithin(options, deadline.signal));
  } finally {
    deadline.clear();
  }
}

/**
 * The sync under its deadline's signal: every Azure request it makes is bound to it, and the lock
 * is released only once whatever was in flight has settled (a registry being written finishes its
 * transaction; one being read fails), so the next sync never overlaps this one's writes.
 */
async function syncWithin(options: RunSyncOptions, deadline: AbortSignal): Promise<SyncSummary> {
  const { pool } = options;
  const asOf = options.asOf ?? new Date();
  const started = Date.now();
  const lock = await acquireSyncLock(pool, options.leaseMs);
  // A lost lease means another process may be syncing now: nothing more is read or written.
  const signal = AbortSignal.any([deadline, lock.signal]);
  try {
    return await withAbortSignal(signal, () => syncHolding(options, asOf, started, signal, lock));
  } finally {
    await releaseSyncLock(lock);
  }
}

async function syncHolding(
  options: RunSyncOptions,
  asOf: Date,
  started: number,
  signal: AbortSignal,
  lock: SyncLock,
): Promise<SyncSummary> {
  const { pool, connection } = options;
  const runId = await startRunRecord(pool, options.trigger ?? "cli", asOf);
  const progress: SyncProgress = {
    phase: "discovering",
    registriesTotal: 0,
    registriesDone: 0,
    repositoriesTotal: 0,
    repositoriesDone: 0,
    manifestBodiesFetched: 0,
  };
  const writeProgress = progressWriter(pool, runId);
  const report = (force = false) => {
    options.onProgress?.(progress);
    writeProgress(progress, force);
  };
  report(true);

  const errors: SyncSummary["errors"] = [];
  const { registries, listedSubscriptions } = await discover(connection, errors);
  await upsertSubscriptions(
    pool,
    listedSubscriptions.map((s) => s.subscription),
    asOf,
  );
  await passCrashPoint("discovered");
  progress.phase = "registries";
  progress.registriesTotal = registries.length;
  report(true);

  const succeeded: string[] = [];
  let repositoriesListed = 0;
  // Registries are read from Azure `registryConcurrency` at a time; one whose reading is done
  // frees its place for the next while its own write goes on (reading waits on Azure, writing
  // on PostgreSQL). At most twice as many are held at once, read or being written.
  const concurrency = options.registryConcurrency ?? 2;
  const held = pLimit(2 * concurrency);
  const reading = pLimit(concurrency);
  let unread = registries.length;
  const markRead = () => {
    unread -= 1;
    if (unread === 0) options.onRead?.();
  };
  if (registries.length === 0) options.onRead?.();
  // Every registry settles before the sync goes on or fails (the database gone mid-sync): the
  // lock is released only when nothing of this sync can still write.
  await settleAll(
    registries.map((registry) =>
      held(async () => {
        const run: RegistryRun = { ...options, asOf, runId, progress, report, markRead, reading, signal };
        const result = await withRegistryReads(pool, registry, options.readBudget, () =>
          signal.aborted ? skipRegistry(registry, run) : syncRegistry(registry, run),
        );
        if (result.error) errors.push({ registry: registry.name, message: result.error });
        else succeeded.push(registry.armId);
        // Stored without the manifests whose bodies could not be read: each is named on the run.
        for (const e of result.manifestErrors ?? []) errors.push({ registry: registry.name, message: e.message });
        repositoriesListed += result.repositoriesListed;
        progress.registriesDone += 1;
        report(true);
      }),
    ),
  );

  if (lock.lost) return recordLeaseLost(pool, runId, errors, Date.now() - started, progress, lock.signal.reason);
  const listed = new Map<string, string[]>();
  for (const s of listedSubscriptions) listed.set(s.subscription.id, []);
  for (const r of registries) listed.get(r.subscriptionId)?.push(r.armId);
  return await finishRun({
    pool,
    connection,
    runId,
    asOf,
    listed,
    succeeded,
    errors,
    abortReason: signal.aborted ? signal.reason : undefined,
    appImages: options.appImages ?? true,
    durationMs: () => Date.now() - started,
    repositoriesListed,
    manifestBodiesFetched: progress.manifestBodiesFetched,
    onDone: () => {
      progress.phase = "done";
      report(true);
    },
  });
}

/**
 * The run recorded failed, nothing else written: registries gone are not marked removed and the
 * apps' images are not read, as another process may hold the lease and be syncing now.
 */
async function recordLeaseLost(
  pool: RunSyncOptions["pool"],
  runId: number,
  errors: SyncSummary["errors"],
  durationMs: number,
  progress: SyncProgress,
  reason: unknown,
): Promise<SyncSummary> {
  errors.push({ registry: "*", message: describeError(reason) });
  const summary: SyncSummary = {
    runId,
    status: "failed",
    ...(await sumInventory(pool, [])),
    durationMs,
    repositoriesListed: 0,
    manifestBodiesFetched: progress.manifestBodiesFetched,
    requests: 0,
    throttled: 0,
    errors,
  };
  return { ...summary, ...(await finishRunRecord(pool, summary)) };
}

/** Like Promise.all, but waits for every promise to settle before rejecting with the first failure. */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}
