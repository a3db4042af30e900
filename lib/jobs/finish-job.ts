/**
 * The last step of a run split into queue jobs, once every registry has its outcome on the run:
 * the same finishing as the in-process sync (lib/sync/finish-run.ts), from the recorded outcomes.
 * Safe to run again: a run no longer running is left as it is, and every step before the run
 * record is finished (removed registries marked, the apps' images replaced) gives the same result
 * when repeated.
 */
import type { Pool } from "pg";
import { z } from "zod";
import type { AzureConnection } from "../azure/connection";
import { finishRun } from "../sync/finish-run";
import type { SyncSummary } from "../sync/types";
import { readRun } from "./read-run";
import { DEADLINE_PREFIX } from "./job-run";
import { clearStagedParts } from "./registry-batches";

type ResultRow = {
  registry_arm_id: string;
  registry_name: string;
  status: string;
  error: string | null;
  repositories_listed: number;
};

const runErrors = z.array(z.object({ registry: z.string(), message: z.string() }));

export async function runFinishJob(
  runId: number,
  context: { pool: Pool; connection: AzureConnection; moveTo?: (asOf: Date) => Promise<void> },
) {
  const { pool } = context;
  const run = await readRun(pool, runId);
  if (!run || run.status !== "running") return null;
  await context.moveTo?.(run.asOf); // the apps' in-use images are read at the run's moment too
  const { rows } = await pool.query<ResultRow>(
    `SELECT registry_arm_id, registry_name, status, error, repositories_listed
     FROM sync_registry_results WHERE sync_run_id = $1`,
    [runId],
  );
  const byArmId = new Map(rows.map((r) => [r.registry_arm_id, r]));
  const errors: SyncSummary["errors"] = runErrors.parse(run.errors);
  const succeeded: string[] = [];
  let timedOut = false;
  for (const registry of run.plan.registries) {
    const result = byArmId.get(registry.armId);
    if (result?.status === "succeeded") succeeded.push(registry.armId);
    if (result?.error?.startsWith(DEADLINE_PREFIX)) timedOut = true;
    // A succeeded registry's error names the manifests it was written without.
    if (result?.error) errors.push({ registry: registry.name, message: result.error });
    else if (!result) errors.push({ registry: registry.name, message: "no outcome recorded" });
  }
  const progress = await pool.query<{ bodies: number | null }>(
    "SELECT (progress->>'manifestBodiesFetched')::int AS bodies FROM sync_runs WHERE id = $1",
    [runId],
  );
  // Parts of a registry that failed before its write (or written, then killed before clearing them).
  await clearStagedParts(pool, runId);
  return finishRun({
    pool,
    connection: context.connection,
    runId,
    asOf: run.asOf,
    listed: new Map(run.plan.subscriptions.map((s) => [s.id, s.armIds])),
    succeeded,
    errors,
    abortReason: timedOut ? `${DEADLINE_PREFIX} the sync passed its deadline (SYNC_TIMEOUT_MINUTES)` : undefined,
    appImages: true,
    durationMs: () => Date.now() - run.startedAt.getTime(),
    repositoriesListed: rows.reduce((n, r) => n + r.repositories_listed, 0),
    manifestBodiesFetched: progress.rows[0]?.bodies ?? 0,
  });
}
