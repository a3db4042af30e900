/** The sync_runs row: created at start, progress written at most every half second, finished once. */
import type { Pool } from "pg";
import { LedgerError } from "../errors";
import { readCountsInScope } from "./read-meter";
import type { SyncProgress, SyncSummary } from "./types";

const PROGRESS_INTERVAL_MS = 500;

/**
 * A run split into queue jobs that is still going: it holds no lock while its workers run it, and
 * is the running one until finished, or until its deadline and 5 minutes (for its last job to
 * finish it) have passed.
 */
export const LIVE_QUEUED_RUN = `status = 'running' AND plan IS NOT NULL
  AND (plan->>'deadlineAt')::timestamptz + interval '5 minutes' > now()`;

export async function startRunRecord(pool: Pool, trigger: string, asOf: Date): Promise<number> {
  const live = await pool.query<{ id: number; started_at: Date }>(
    `SELECT id, started_at FROM sync_runs WHERE ${LIVE_QUEUED_RUN} ORDER BY id DESC LIMIT 1`,
  );
  if (live.rows[0])
    throw new LedgerError(
      "conflict",
      `Another sync is already running (run #${live.rows[0].id}, started ${live.rows[0].started_at.toISOString()} UTC); wait for it to finish.`,
    );
  // Any other run still marked running holds no lock (we hold it now), so its process ended: say so.
  // Its registries written before that are complete (one transaction each); the others kept theirs.
  await pool.query(
    `UPDATE sync_runs SET status = 'interrupted', finished_at = now(),
       errors = errors || '[{"registry":"*","message":"interrupted: the sync process stopped before finishing"}]'::jsonb
     WHERE status = 'running'`,
  );
  const { rows } = await pool.query<{ id: number }>(
    "INSERT INTO sync_runs (status, trigger, started_at, as_of) VALUES ('running', $1, now(), $2) RETURNING id",
    [trigger, asOf],
  );
  return rows[0].id;
}

export function progressWriter(pool: Pool, runId: number) {
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  return (progress: SyncProgress, force = false) => {
    const now = Date.now();
    if (!force && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    pending = pending
      .then(() => pool.query("UPDATE sync_runs SET progress = $2 WHERE id = $1", [runId, JSON.stringify(progress)]))
      .catch(() => undefined); // progress is best effort; the final record is not
  };
}

/** Also sums the registries' data-plane requests onto the run, and returns them. */
export async function finishRunRecord(
  pool: Pool,
  summary: SyncSummary,
): Promise<{ requests: number; throttled: number }> {
  const { rows } = await pool.query<{ requests: number; throttled: number }>(
    `UPDATE sync_runs SET status = $2, finished_at = now(), registries = $3, repositories = $4, manifests = $5, tags = $6,
       bodies_fetched = $7, duration_ms = $8, errors = $9, progress = progress || '{"phase":"done"}'::jsonb,
       (requests, throttled) = (SELECT coalesce(sum(requests), 0)::int, coalesce(sum(throttled), 0)::int
                                FROM sync_registry_results WHERE sync_run_id = $1)
     WHERE id = $1 RETURNING requests, throttled`,
    [
      summary.runId,
      summary.status,
      summary.registries,
      summary.repositories,
      summary.manifests,
      summary.tags,
      summary.manifestBodiesFetched,
      summary.durationMs,
      JSON.stringify(summary.errors),
    ],
  );
  return rows[0] ?? { requests: 0, throttled: 0 };
}

export async function recordRegistryResult(
  pool: Pool,
  runId: number,
  r: {
    armId: string;
    name: string;
    status: "succeeded" | "failed";
    error?: string;
    repositories: number;
    repositoriesListed: number;
    manifests: number;
    tags: number;
    startedAt: Date;
  },
): Promise<void> {
  // Counted by the registry's read scope (read-meter.ts) this result is recorded in.
  const reads = readCountsInScope();
  await pool.query(
    `INSERT INTO sync_registry_results (sync_run_id, registry_arm_id, registry_name, status, error, repositories,
       repositories_listed, manifests, tags, started_at, finished_at, requests, throttled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), $11, $12)
     ON CONFLICT (sync_run_id, registry_arm_id) DO UPDATE SET status = EXCLUDED.status, error = EXCLUDED.error,
       requests = sync_registry_results.requests + EXCLUDED.requests,
       throttled = sync_registry_results.throttled + EXCLUDED.throttled`,
    [
      runId,
      r.armId,
      r.name,
      r.status,
      r.error ?? null,
      r.repositories,
      r.repositoriesListed,
      r.manifests,
      r.tags,
      r.startedAt,
      reads.requests,
      reads.throttled,
    ],
  );
}
