/**
 * Waiting for a run split into queue jobs to finish, as `npm run sync` does: whichever workers run
 * its jobs, its stored progress is passed on as it changes, and its summary is read back from the
 * run record once the finishing job has written it.
 */
import type { Pool } from "pg";
import { z } from "zod";
import { LedgerError } from "../errors";
import { LIVE_QUEUED_RUN } from "../sync/run-record";
import { syncProgressSchema } from "../sync/sync-run-json";
import type { SyncProgress, SyncSummary } from "../sync/types";

const POLL_MS = 500;

const finishedRow = z.object({
  status: z.string(),
  live: z.boolean(),
  registries: z.number(),
  repositories: z.number(),
  manifests: z.number(),
  tags: z.number(),
  bodies_fetched: z.number(),
  duration_ms: z.number().nullable(),
  requests: z.number(),
  throttled: z.number(),
  repositories_listed: z.number(),
  progress: z.unknown(),
  errors: z.array(z.object({ registry: z.string(), message: z.string() })).catch([]),
});

export type WaitForRunOptions = {
  onProgress?: (progress: SyncProgress) => void;
  /** How often the run record is read (default half a second, as often as the sync writes it). */
  pollMs?: number;
};

export async function waitForRun(pool: Pool, runId: number, options: WaitForRunOptions = {}): Promise<SyncSummary> {
  for (;;) {
    const row = await readRunRow(pool, runId);
    if (row.status !== "running") return toSummary(runId, row);
    // No worker finished it within its deadline and the margin for its last job: it never will.
    if (!row.live)
      throw new LedgerError("internal", `sync #${runId} was not finished by any worker before its deadline`);
    options.onProgress?.(toProgress(row.progress));
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? POLL_MS));
  }
}

async function readRunRow(pool: Pool, runId: number): Promise<z.infer<typeof finishedRow>> {
  const { rows } = await pool.query(
    `SELECT status, (${LIVE_QUEUED_RUN}) AS live, registries, repositories, manifests, tags, bodies_fetched,
       duration_ms, requests, throttled, progress, errors,
       (SELECT coalesce(sum(repositories_listed), 0)::int FROM sync_registry_results WHERE sync_run_id = $1)
         AS repositories_listed
     FROM sync_runs WHERE id = $1`,
    [runId],
  );
  if (!rows[0]) throw new LedgerError("not_found", `sync #${runId} does not exist`);
  return finishedRow.parse(rows[0]);
}

function toProgress(stored: unknown): SyncProgress {
  const p = syncProgressSchema.parse(stored);
  return {
    phase: p.phase === "done" ? "done" : "registries",
    registriesTotal: p.registriesTotal ?? 0,
    registriesDone: p.registriesDone ?? 0,
    repositoriesTotal: p.repositoriesTotal ?? 0,
    repositoriesDone: p.repositoriesDone ?? 0,
    manifestBodiesFetched: p.manifestBodiesFetched ?? 0,
  };
}

const FINISHED = ["succeeded", "partial", "failed", "timed out"] as const;

function toSummary(runId: number, row: z.infer<typeof finishedRow>): SyncSummary {
  // "interrupted": another sync found it running with nobody holding it; it did not finish.
  const status = FINISHED.find((s) => s === row.status) ?? "failed";
  return {
    runId,
    status,
    registries: row.registries,
    repositories: row.repositories,
    manifests: row.manifests,
    tags: row.tags,
    durationMs: row.duration_ms ?? 0,
    repositoriesListed: row.repositories_listed,
    manifestBodiesFetched: row.bodies_fetched,
    requests: row.requests,
    throttled: row.throttled,
    errors: row.errors,
  };
}
