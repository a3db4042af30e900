/**
 * One registry of a sync: read from Azure what changed since the last sync, store the new manifest
 * bodies, write the registry's inventory in one transaction, and record its outcome on the run.
 * The in-process sync (run-sync.ts) and the queue's registry jobs (lib/jobs) both run it.
 */
import type { LimitFunction } from "p-limit";
import type { Pool } from "pg";
import { createArmClient, type RunsWatermark } from "../azure/arm";
import type { AzureConnection } from "../azure/connection";
import { dataPlaneFor } from "../azure/dataplane";
import type { AzureRegistry } from "../azure/types";
import { isoDay } from "../calendar";
import { describeError } from "../errors";
import { execute } from "../database/prepared";
import { fetchRegistry, type FetchContext, type RegistryHead } from "./fetch-registry";
import { keepManifestBlobs } from "./kept-inventory";
import { passCrashPoint } from "./crash-points";
import { recordRegistryResult } from "./run-record";
import type { FetchedRegistry, ManifestError, SyncProgress } from "./types";
import { listKnownDigests, writeManifestContents } from "./write-contents";
import { writeRegistry, type StagedRepositories } from "./write-registry";
import { keepDerivedFigures } from "./keep-derived";
import { keepUnchangedRead } from "./unchanged-read";

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

/** A registry's outcome: its error if it failed, and the manifests left out if it was written without them. */
export type RegistryOutcome = { error?: string; repositoriesListed: number; manifestErrors?: ManifestError[] };

export type RegistryRun = {
  pool: Pool;
  connection: AzureConnection;
  /** Parallel data-plane requests per registry. */
  concurrency?: number;
  asOf: Date;
  runId: number;
  progress: SyncProgress;
  report: (force?: boolean) => void;
  markRead: () => void;
  /** The limit of registries read at once. */
  reading: LimitFunction;
  /** The sync's deadline: once aborted, nothing more is read or written. */
  signal: AbortSignal;
  /** The registry's ARM details and catalog, when read already (a queued registry job reads them first). */
  head?: RegistryHead;
};

/** A registry not started before the deadline: its stored inventory stays as it is. */
export async function skipRegistry(registry: AzureRegistry, run: RegistryRun): Promise<RegistryOutcome> {
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

export async function syncRegistry(registry: AzureRegistry, run: RegistryRun): Promise<RegistryOutcome> {
  const startedAt = new Date();
  let stillReading = true;
  const doneReading = () => {
    if (stillReading) run.markRead();
    stillReading = false;
  };
  try {
    const fetched = await run.reading(() => readRegistry(registry, run));
    doneReading();
    return await writeFetchedRegistry(registry, fetched, run, startedAt);
  } catch (error) {
    return recordRegistryFailure(registry, run, error, startedAt);
  } finally {
    doneReading();
  }
}

/**
 * A registry read in full before the deadline (or not written at all: a read cut short may look
 * complete), written in one transaction, and its outcome recorded on the run. Throws when the write
 * fails; nothing of it is then committed. `staged`: its repositories staged part by part (see
 * StagedRepositories), `fetched` holding their names and properties only.
 */
export async function writeFetchedRegistry(
  registry: AzureRegistry,
  fetched: FetchedRegistry,
  run: Pick<RegistryRun, "pool" | "runId" | "asOf" | "signal">,
  startedAt: Date,
  staged?: StagedRepositories,
): Promise<RegistryOutcome> {
  const { pool } = run;
  run.signal.throwIfAborted();
  if (!(await keepUnchangedRead(pool, fetched, run.asOf))) {
    // A connection is held only while writing, and nothing else is asked of the pool meanwhile:
    // however many registries are at it, each can finish with the one it holds.
    const client = await pool.connect();
    const ignore = () => undefined; // a lost connection fails the write's own statements instead
    client.on("error", ignore);
    try {
      await writeManifestContents(client, fetched.newContents);
      keepManifestBlobs(fetched.newContents); // stored for good (a digest's content never changes)
      await writeRegistry(client, fetched, run.asOf, isoDay(run.asOf), staged);
      client.off("error", ignore);
      client.release();
    } catch (error) {
      client.off("error", ignore);
      client.release(error instanceof Error ? error : true); // discarded: its connection may be gone
      throw error;
    }
  }
  await passCrashPoint("registry-committed");
  const manifests = staged?.manifests ?? fetched.changed.reduce((n, c) => n + c.manifests.length, 0);
  const tags = staged?.tags ?? fetched.changed.reduce((n, c) => n + c.tags.length, 0);
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
  await keepDerivedFigures(registry.armId, run.asOf, run.signal);
  return { repositoriesListed: fetched.changed.length, manifestErrors: left };
}

/** A registry that failed keeps its last good inventory: its error is recorded on the run. */
export async function recordRegistryFailure(
  registry: AzureRegistry,
  run: Pick<RegistryRun, "pool" | "runId">,
  error: unknown,
  startedAt: Date,
): Promise<RegistryOutcome> {
  const message = describeError(error).split("\n")[0].slice(0, 500);
  await recordRegistryResult(run.pool, run.runId, {
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
}

/** The registry as Azure has it now, with what is stored of it: nothing is written here. */
async function readRegistry(registry: AzureRegistry, run: RegistryRun): Promise<FetchedRegistry> {
  run.progress.currentRegistry = registry.name;
  return fetchRegistry(registry, await registryFetchContext(registry, run), run.head);
}

/**
 * How a registry's repositories are read: against the stored last-update times of `names` (every
 * stored repository when absent, with the runs watermark for its ARM details), the run's progress
 * counted as they are read.
 */
export async function registryFetchContext(
  registry: AzureRegistry,
  run: Pick<RegistryRun, "pool" | "connection" | "concurrency" | "progress" | "report">,
  names?: string[],
): Promise<FetchContext> {
  const { pool, connection, progress, report } = run;
  // The stored repositories and the runs watermark, read side by side.
  const [stored, runsWatermark] = await Promise.all([
    execute<{ name: string; ms: string | null }>(
      pool,
      `SELECT r.name, (extract(epoch FROM r.last_updated_at) * 1000)::int8 AS ms
       FROM repositories r JOIN registries g ON g.id = r.registry_id
       WHERE g.arm_id = $1 AND ($2::text[] IS NULL OR r.name = ANY($2::text[]))`,
      [registry.armId, names ?? null],
    ),
    names ? undefined : getRunsWatermark(pool, registry.armId),
  ]);
  const storedUpdatedAt = new Map(stored.rows.filter((r) => r.ms !== null).map((r) => [r.name, Number(r.ms)]));
  let counted = false;
  return {
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
  };
}
