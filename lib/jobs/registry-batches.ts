/**
 * A large registry of a queued run, read as several jobs and still written as one transaction. Its
 * registry job reads the registry's ARM details and catalog, and stages them as parts in one
 * transaction with one batch job per part: part 0 the details, parts 1..n the repositories, so many
 * a batch. Any worker reads a batch: the new manifest bodies' facts are stored at once (each
 * digest's facts complete or absent, as the whole registry's are before its write), then what it
 * read is staged on its part. The job that stages the last part sends the registry job again, which
 * writes the registry from its parts in one transaction, records it and clears its parts.
 *
 * Safe to run again: a part already staged is not read again, a part read again (its worker died
 * before staging it) replaces nothing, and a registry recorded on the run is not written again. A
 * batch that fails records the registry failed: it keeps its last good inventory, and its other
 * parts are no longer read.
 */
import type { Pool, PoolClient } from "pg";
import type { PgBoss } from "pg-boss";
import type { AzureRegistry } from "../azure/types";
import { withAbortSignal } from "../azure/http-client";
import { listedNames, readRepositories, type ReadRepositories, type RegistryHead } from "../sync/fetch-registry";
import { readCountsInScope, withRegistryReads } from "../sync/read-meter";
import {
  recordRegistryFailure,
  registryFetchContext,
  writeFetchedRegistry,
  type RegistryOutcome,
  type RegistryRun,
} from "../sync/sync-registry";
import type { ChangedRepository, FetchedRegistry, ManifestError } from "../sync/types";
import { writeManifestContents } from "../sync/write-contents";
import type { RepositoryPart, StagedRepositories } from "../sync/write-registry";
import { inTransaction } from "../database/transaction";
import { SYNC_BATCH_QUEUE, SYNC_REGISTRY_QUEUE } from "./boss";
import { addProgress, finishWhenEveryRegistryRecorded, isRecorded, newJobProgress, withRunDeadline } from "./job-run";
import { readRun } from "./read-run";
import type { WorkerJobContext } from "./registry-job";
import type { BatchJobPayload } from "./run-plan";
import { fromStagedJson, fromStagedText, toStagedJson } from "./staged-json";

/** A part: its number, whether it is read and staged, and how many repositories it names. */
type StagedPart = { part: number; staged: boolean; repositories: number };

/** The registry's parts, in order; none when it is not read in batches (or was written and cleared). */
export async function listStagedParts(pool: Pool, runId: number, armId: string): Promise<StagedPart[]> {
  const { rows } = await pool.query<StagedPart>(
    `SELECT part, read IS NOT NULL AS staged, cardinality(repositories) AS repositories FROM sync_staged_reads
     WHERE sync_run_id = $1 AND registry_arm_id = $2 ORDER BY part`,
    [runId, armId],
  );
  return rows;
}

/** The details and the batches, with their jobs, in one transaction: all of them or none. */
export async function stageRegistryBatches(
  pool: Pool,
  boss: PgBoss,
  target: { runId: number; armId: string; batchRepositories: number },
  head: RegistryHead,
): Promise<number> {
  const { runId, armId } = target;
  const batches: string[][] = [];
  for (let i = 0; i < head.catalog.length; i += target.batchRepositories)
    batches.push(head.catalog.slice(i, i + target.batchRepositories));
  await withClient(pool, (client) =>
    inTransaction(client, async () => {
      await client.query(
        `INSERT INTO sync_staged_reads (sync_run_id, registry_arm_id, part, repositories, read, staged_at)
         VALUES ($1, $2, 0, '{}', $3, now())`,
        [runId, armId, toStagedJson({ details: head.details })],
      );
      await client.query(
        `INSERT INTO sync_staged_reads (sync_run_id, registry_arm_id, part, repositories)
         SELECT $1, $2, b.ordinality::int, ARRAY(SELECT jsonb_array_elements_text(b.names))
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS b(names, ordinality)`,
        [runId, armId, JSON.stringify(batches)],
      );
      const db = { executeSql: (text: string, values?: unknown[]) => client.query(text, values) };
      await boss.insert(
        SYNC_BATCH_QUEUE,
        batches.map((_, i) => ({ data: { runId, armId, part: i + 1 }, singletonKey: `${runId}:${armId}:${i + 1}` })),
        { db },
      );
    }),
  );
  return batches.length;
}

/** One batch: read from Azure and staged, unless staged already or the registry is recorded. */
export async function runBatchJob(job: BatchJobPayload, context: WorkerJobContext): Promise<void> {
  const { pool } = context;
  const run = await readRun(pool, job.runId);
  if (!run || run.status !== "running") return;
  const registry = run.plan.registries.find((r) => r.armId === job.armId);
  if (!registry || (await isRecorded(pool, job.runId, job.armId))) return;
  const { rows } = await pool.query<{ repositories: string[]; staged: boolean }>(
    `SELECT repositories, read IS NOT NULL AS staged FROM sync_staged_reads
     WHERE sync_run_id = $1 AND registry_arm_id = $2 AND part = $3`,
    [job.runId, job.armId, job.part],
  );
  if (!rows[0]) return; // the registry was written and its parts cleared meanwhile
  if (!rows[0].staged) {
    await context.moveTo?.(run.asOf);
    const progress = newJobProgress();
    const startedAt = new Date();
    // The batch's listings and new bodies' facts are held until staged: its repositories' share of the budget.
    const failed = await context.budget.run(rows[0].repositories.length, () =>
      withRunDeadline(run.plan.deadlineAt, (signal) =>
        withRegistryReads(pool, registry, undefined, async () => {
          try {
            if (signal.aborted) throw signal.reason;
            const reading = { pool, connection: context.connection, concurrency: run.plan.concurrency, progress };
            const names = rows[0].repositories;
            const ctx = await registryFetchContext(registry, { ...reading, report: () => undefined }, names);
            const read = await withAbortSignal(signal, () => readRepositories(names, ctx));
            signal.throwIfAborted(); // read in full before the deadline, or not staged at all
            await withClient(pool, (client) => writeManifestContents(client, read.newContents));
            await stagePart(pool, job, read);
            return false;
          } catch (error) {
            await recordRegistryFailure(registry, { pool, runId: job.runId }, error, startedAt);
            return true;
          }
        }),
      ),
    );
    await addProgress(pool, job.runId, progress);
    if (failed) return finishWhenEveryRegistryRecorded(pool, context.boss, job.runId, run.plan.registries.length);
  }
  const parts = await listStagedParts(pool, job.runId, job.armId);
  if (parts.every((p) => p.staged))
    await context.boss.send(
      SYNC_REGISTRY_QUEUE,
      { runId: job.runId, armId: job.armId },
      { singletonKey: `${job.runId}:${job.armId}:write` },
    );
}

/** What the part read, with its requests (the registry's record adds them up). Staged once. */
async function stagePart(pool: Pool, job: BatchJobPayload, read: ReadRepositories): Promise<void> {
  const staged = { unchanged: read.unchanged, changed: read.changed, manifestErrors: read.manifestErrors };
  const reads = readCountsInScope();
  await pool.query(
    `UPDATE sync_staged_reads SET read = $4, requests = $5, throttled = $6, staged_at = now()
     WHERE sync_run_id = $1 AND registry_arm_id = $2 AND part = $3 AND read IS NULL`,
    [job.runId, job.armId, job.part, toStagedJson(staged), reads.requests, reads.throttled],
  );
}

type StagedDetails = { details: FetchedRegistry["details"] };
type StagedBatch = Pick<ReadRepositories, "unchanged" | "changed" | "manifestErrors">;

/** The staged parts in brief: what the record and the registry's properties take, not the listings. */
type StagedSummary = {
  part: number;
  details: unknown;
  unchanged: unknown;
  changed: unknown;
  manifest_errors: unknown;
  manifests: number;
  tags: number;
  requests: number;
  throttled: number;
};

/**
 * The registry written from its staged parts in one transaction (the bodies' facts are stored
 * already), recorded with every batch's requests, and its parts cleared. Only the repositories'
 * properties are read up front; each part's manifests and tags are read while it is written, so
 * a worker holds one batch's listings at a time however large the registry.
 */
export async function writeStagedRegistry(registry: AzureRegistry, run: RegistryRun): Promise<RegistryOutcome> {
  const { pool } = run;
  const { rows } = await pool.query<StagedSummary>(
    `SELECT part, read->'details' AS details,
            coalesce(read->'unchanged', '[]') AS unchanged,
            jsonb_path_query_array(read, '$.changed[*].properties') AS changed,
            coalesce(read->'manifestErrors', '[]') AS manifest_errors,
            coalesce((SELECT sum(jsonb_array_length(c->'manifests')) FROM jsonb_array_elements(read->'changed') c), 0)::int AS manifests,
            coalesce((SELECT sum(jsonb_array_length(c->'tags')) FROM jsonb_array_elements(read->'changed') c), 0)::int AS tags,
            requests, throttled
     FROM sync_staged_reads WHERE sync_run_id = $1 AND registry_arm_id = $2 ORDER BY part`,
    [run.runId, registry.armId],
  );
  const [head, ...batches] = rows;
  const { details } = fromStagedJson<StagedDetails>({ details: head.details });
  const unchanged = batches.flatMap((b) => fromStagedJson<StagedBatch["unchanged"]>(b.unchanged));
  const changed = batches.flatMap((b) =>
    fromStagedJson<ChangedRepository["properties"][]>(b.changed).map((properties) => ({
      properties,
      manifests: [],
      tags: [],
    })),
  );
  const fetched: FetchedRegistry = {
    registry,
    details,
    repositoryNames: listedNames({ unchanged, changed }),
    unchanged,
    changed, // their properties: each part's listings are read as it is written
    newContents: [],
    manifestErrors: batches.flatMap((b) => fromStagedJson<ManifestError[]>(b.manifest_errors)),
  };
  const staged: StagedRepositories = {
    parts: (client) =>
      readStagedParts(
        client,
        run.runId,
        registry.armId,
        batches.map((b) => b.part),
      ),
    manifests: batches.reduce((n, b) => n + b.manifests, 0),
    tags: batches.reduce((n, b) => n + b.tags, 0),
  };
  const outcome = await writeFetchedRegistry(registry, fetched, run, new Date(), staged);
  await pool.query(
    `UPDATE sync_registry_results SET requests = requests + $3, throttled = throttled + $4
     WHERE sync_run_id = $1 AND registry_arm_id = $2`,
    [
      run.runId,
      registry.armId,
      batches.reduce((n, b) => n + b.requests, 0),
      batches.reduce((n, b) => n + b.throttled, 0),
    ],
  );
  await clearStagedParts(pool, run.runId, registry.armId);
  return outcome;
}

/** Each part's repositories as staged, read one at a time on the write's own connection. */
async function* readStagedParts(
  client: PoolClient,
  runId: number,
  armId: string,
  parts: number[],
): AsyncIterable<RepositoryPart> {
  for (const part of parts) {
    const { rows } = await client.query<{ read: string }>(
      "SELECT read::text AS read FROM sync_staged_reads WHERE sync_run_id = $1 AND registry_arm_id = $2 AND part = $3",
      [runId, armId, part],
    );
    const { unchanged, changed } = fromStagedText<StagedBatch>(rows[0].read);
    yield { unchanged, changed };
  }
}

export async function clearStagedParts(pool: Pool, runId: number, armId?: string): Promise<void> {
  await pool.query(
    "DELETE FROM sync_staged_reads WHERE sync_run_id = $1 AND ($2::text IS NULL OR registry_arm_id = $2)",
    [runId, armId ?? null],
  );
}

/** A connection of the pool for `work`, released after (discarded when it failed: it may be gone). */
async function withClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}
