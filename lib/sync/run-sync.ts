/**
 * The sync pipeline: discover subscriptions and registries, then per registry (bounded
 * concurrency) fetch from Azure, store immutable manifest facts, and write the registry's
 * inventory in one transaction. A registry that fails keeps its last good inventory; the others
 * still complete. Never imports next/*: the CLI, the job worker and tests all run it.
 */
import pLimit, { type LimitFunction } from "p-limit";
import type { Pool } from "pg";
import { createArmClient, listRegistries, type RunsWatermark } from "../azure/arm";
import type { AzureConnection } from "../azure/connection";
import { dataPlaneFor } from "../azure/dataplane";
import { listSubscriptions } from "../azure/subscriptions";
import type { AzureRegistry, AzureSubscription } from "../azure/types";
import { withAbortSignal } from "../azure/http-client";
import { isoDay } from "../calendar";
import { getEnv } from "../env";
import { describeError } from "../errors";
import { execute } from "../database/prepared";
import { fetchRegistry } from "./fetch-registry";
import { keepManifestBlobs } from "./kept-inventory";
import { passCrashPoint } from "./crash-points";
import { startDeadline } from "./deadline";
import { acquireSyncLock, releaseSyncLock } from "./lock";
import type { ReadBudgetSettings } from "./read-budget";
import { withRegistryReads } from "./read-meter";
import { finishRunRecord, progressWriter, recordRegistryResult, startRunRecord } from "./run-record";
import { syncAppImages } from "./sync-app-images";
import type { FetchedRegistry, ManifestError, SyncProgress, SyncSummary } from "./types";
import { listKnownDigests, writeManifestContents } from "./write-contents";
import { writeRegistry } from "./write-registry";
import { markRemovedRegistries, sumInventory, upsertSubscriptions } from "./write-subscriptions";

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
};

/** Subscriptions whose registries are listed at once. */
const SUBSCRIPTIONS_AT_ONCE = 8;

/** Any subscription id will do to build a client for the tenant-level subscriptions list. */
const NO_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

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
async function syncWithin(options: RunSyncOptions, signal: AbortSignal): Promise<SyncSummary> {
  const { pool, connection } = options;
  const asOf = options.asOf ?? new Date();
  const started = Date.now();
  const lock = await acquireSyncLock(pool);
  try {
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

    const seen = new Map<string, string[]>();
    for (const s of listedSubscriptions) seen.set(s.subscription.id, []);
    for (const r of registries) seen.get(r.subscriptionId)?.push(r.armId);
    await markRemovedRegistries(pool, seen, asOf);
    await passCrashPoint("removed-marked");

    const totals = await sumInventory(pool, succeeded);
    const status = signal.aborted
      ? "timed out"
      : errors.length === 0
        ? "succeeded"
        : succeeded.length > 0
          ? "partial"
          : "failed";
    if (signal.aborted)
      errors.push({
        registry: "*",
        message: `${describeError(signal.reason)}; registries not written keep their last inventory`,
      });
    // In-use images of the apps: their errors are recorded, the registries' status stands. Not read
    // past the deadline: each sync replaces that import whole, and a cut-short read would shrink it.
    if ((options.appImages ?? true) && !signal.aborted)
      errors.push(
        ...(await syncAppImages(
          pool,
          connection,
          listedSubscriptions.map((s) => s.subscription.id),
          asOf,
        )),
      );
    await passCrashPoint("app-images-written");
    const summary: SyncSummary = {
      runId,
      status,
      ...totals,
      durationMs: Date.now() - started,
      repositoriesListed,
      manifestBodiesFetched: progress.manifestBodiesFetched,
      requests: 0,
      throttled: 0,
      errors,
    };
    progress.phase = "done";
    report(true);
    return { ...summary, ...(await finishRunRecord(pool, summary)) };
  } finally {
    await releaseSyncLock(lock);
  }
}

/** Like Promise.all, but waits for every promise to settle before rejecting with the first failure. */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

type Discovery = {
  registries: AzureRegistry[];
  /** Subscriptions whose registry list was read in full: only there can we tell a registry is gone. */
  listedSubscriptions: { subscription: AzureSubscription }[];
};

async function discover(connection: AzureConnection, errors: SyncSummary["errors"]): Promise<Discovery> {
  let subscriptions: AzureSubscription[];
  try {
    subscriptions = connection.subscriptionIds
      ? connection.subscriptionIds.map((id) => ({ id: id.toLowerCase() }))
      : await listSubscriptions(connection, createArmClient(connection, NO_SUBSCRIPTION));
  } catch (error) {
    errors.push({ registry: "*", message: `Listing subscriptions failed: ${describeError(error)}` });
    return { registries: [], listedSubscriptions: [] };
  }
  // Subscriptions' registries listed a few at a time; kept in the subscriptions' order.
  const limit = pLimit(SUBSCRIPTIONS_AT_ONCE);
  const listed = await Promise.all(
    subscriptions.map((subscription) =>
      limit(() => listRegistries(createArmClient(connection, subscription.id))).then(
        (found) => ({ subscription, found }),
        (error: unknown) => ({ subscription, error }),
      ),
    ),
  );
  const registries: AzureRegistry[] = [];
  const listedSubscriptions: Discovery["listedSubscriptions"] = [];
  for (const result of listed) {
    if ("error" in result) {
      errors.push({
        registry: `subscription ${result.subscription.id}`,
        message: `Listing registries failed: ${describeError(result.error)}`,
      });
      continue;
    }
    registries.push(...result.found);
    listedSubscriptions.push({ subscription: result.subscription });
  }
  return { registries, listedSubscriptions };
}

/**
 * Where run listing may stop: the newest stored run's creation time, or the oldest stored run that
 * had not finished yet (its status may have changed since), whichever is earlier. Runs of the last
 * day are always read again. Undefined when none are stored: the whole recent window is read.
 */
async function getRunsWatermark(pool: Pool, armId: string): Promise<RunsWatermark | undefined> {
  const { rows } = await execute<{ since: Date | null; stored_since: number }>(
    pool,
    `WITH w AS (
       SELECT least(max(t.created_at), min(t.created_at) FILTER (WHERE t.status IS NULL OR t.status NOT IN ('Succeeded', 'Failed', 'Canceled', 'Error', 'Timeout')))
              - interval '1 day' AS since
       FROM task_runs t JOIN registries g ON g.id = t.registry_id WHERE g.arm_id = $1
     )
     SELECT w.since, (SELECT count(*)::int FROM task_runs t JOIN registries g ON g.id = t.registry_id
                      WHERE g.arm_id = $1 AND t.created_at >= w.since) AS stored_since
     FROM w`,
    [armId],
  );
  const since = rows[0]?.since;
  return since ? { createdSince: since, storedSince: rows[0].stored_since } : undefined;
}

type RegistryRun = RunSyncOptions & {
  asOf: Date;
  runId: number;
  progress: SyncProgress;
  report: (force?: boolean) => void;
  markRead: () => void;
  /** The limit of registries read at once. */
  reading: LimitFunction;
  /** The sync's deadline: once aborted, nothing more is read or written. */
  signal: AbortSignal;
};

/** A registry not started before the deadline: its stored inventory stays as it is. */
async function skipRegistry(registry: AzureRegistry, run: RegistryRun): ReturnType<typeof syncRegistry> {
  run.markRead();
  const message = describeError(run.signal.reason);
  await recordRegistryResult(run.pool, run.runId, {
    armId: registry.armId,
    name: registry.name,
    status: "failed",
    error: message,
    startedAt: new Date(),
    repositories: 0,
    repositoriesListed: 0,
    manifests: 0,
    tags: 0,
  });
  return { error: message, repositoriesListed: 0 };
}

async function syncRegistry(
  registry: AzureRegistry,
  run: RegistryRun,
): Promise<{ error?: string; repositoriesListed: number; manifestErrors?: ManifestError[] }> {
  const startedAt = new Date();
  const { pool } = run;
  let stillReading = true;
  const doneReading = () => {
    if (stillReading) run.markRead();
    stillReading = false;
  };
  try {
    const fetched = await run.reading(() => readRegistry(registry, run));
    doneReading();
    // Read in full before the deadline, or not written at all (a read cut short may look complete).
    run.signal.throwIfAborted();
    // A connection is held only while writing, and nothing else is asked of the pool meanwhile:
    // however many registries are at it, each can finish with the one it holds.
    const client = await pool.connect();
    const ignore = () => undefined; // a lost connection fails the write's own statements instead
    client.on("error", ignore);
    try {
      await writeManifestContents(client, fetched.newContents);
      keepManifestBlobs(fetched.newContents); // stored for good (a digest's content never changes)
      await writeRegistry(client, fetched, run.asOf, isoDay(run.asOf));
      client.off("error", ignore);
      client.release();
    } catch (error) {
      client.off("error", ignore);
      client.release(error instanceof Error ? error : true); // discarded: its connection may be gone
      throw error;
    }
    await passCrashPoint("registry-committed");
    const manifests = fetched.changed.reduce((n, c) => n + c.manifests.length, 0);
    const tags = fetched.changed.reduce((n, c) => n + c.tags.length, 0);
    const left = fetched.manifestErrors;
    await recordRegistryResult(pool, run.runId, {
      armId: registry.armId,
      name: registry.name,
      status: "succeeded",
      startedAt,
      repositories: fetched.repositoryNames.length,
      repositoriesListed: fetched.changed.length,
      manifests,
      tags,
      error:
        left.length > 0
          ? `${left.length} manifest(s) left out, their bodies unreadable (the first: ${left[0].message})`.slice(0, 500)
          : undefined,
    });
    await passCrashPoint("registry-recorded");
    return { repositoriesListed: fetched.changed.length, manifestErrors: left };
  } catch (error) {
    const message = describeError(error).split("\n")[0].slice(0, 500);
    await recordRegistryResult(pool, run.runId, {
      armId: registry.armId,
      name: registry.name,
      status: "failed",
      error: message,
      startedAt,
      repositories: 0,
      repositoriesListed: 0,
      manifests: 0,
      tags: 0,
    });
    return { error: message, repositoriesListed: 0 };
  } finally {
    doneReading();
  }
}

/** The registry as Azure has it now, with what is stored of it: nothing is written here. */
async function readRegistry(registry: AzureRegistry, run: RegistryRun): Promise<FetchedRegistry> {
  const { pool, connection, progress, report } = run;
  progress.currentRegistry = registry.name;
  // The stored repositories and the runs watermark, read side by side.
  const [stored, runsWatermark] = await Promise.all([
    execute<{ name: string; ms: string | null }>(
      pool,
      `SELECT r.name, (extract(epoch FROM r.last_updated_at) * 1000)::int8 AS ms
       FROM repositories r JOIN registries g ON g.id = r.registry_id WHERE g.arm_id = $1`,
      [registry.armId],
    ),
    getRunsWatermark(pool, registry.armId),
  ]);
  const storedUpdatedAt = new Map(stored.rows.filter((r) => r.ms !== null).map((r) => [r.name, Number(r.ms)]));
  let counted = false;
  return fetchRegistry(registry, {
    arm: createArmClient(connection, registry.subscriptionId),
    dataPlane: dataPlaneFor(connection, registry.loginServer),
    concurrency: run.concurrency ?? 16,
    storedUpdatedAt,
    runsWatermark,
    knownDigests: (digests) => listKnownDigests(pool, digests),
    onRepositoryDone: () => {
      void passCrashPoint("repository-listed");
      progress.repositoriesDone += 1;
      report();
    },
    onBodyFetched: () => {
      void passCrashPoint("body-fetched");
      progress.manifestBodiesFetched += 1;
      report();
    },
    onCatalog: (count) => {
      if (!counted) progress.repositoriesTotal += count;
      counted = true;
      report(true);
    },
  });
}
