/** A run split into queue jobs, as its jobs read it: its status, the moment it stands for, its plan. */
import type { Pool } from "pg";
import { runPlan, type RunPlan } from "./run-plan";

export type QueuedRun = { status: string; asOf: Date; startedAt: Date; errors: unknown; plan: RunPlan };

export async function readRun(pool: Pool, runId: number): Promise<QueuedRun | null> {
  const { rows } = await pool.query<{ status: string; as_of: Date; started_at: Date; errors: unknown; plan: unknown }>(
    "SELECT status, as_of, started_at, errors, plan FROM sync_runs WHERE id = $1 AND plan IS NOT NULL",
    [runId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    status: row.status,
    asOf: row.as_of,
    startedAt: row.started_at,
    errors: row.errors,
    plan: runPlan.parse(row.plan),
  };
}
