/** The verification_runs row: created when a verification starts, finished once with its outcome or error. */
import type { Pool } from "pg";
import { STORED_VIOLATIONS, toViolation, type VerificationOutcome } from "../violations";

export async function startVerificationRecord(pool: Pool, repair: boolean): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    "INSERT INTO verification_runs (status, repair, started_at) VALUES ('running', $1, now()) RETURNING id",
    [repair],
  );
  return rows[0].id;
}

export async function finishVerificationRecord(pool: Pool, id: number, outcome: VerificationOutcome): Promise<void> {
  const remaining = outcome.violations;
  await pool.query(
    `UPDATE verification_runs SET status = $2, finished_at = now(), checks = $3, violations = $4,
       violation_count = $5, repaired_count = $6 WHERE id = $1`,
    [
      id,
      outcome.status,
      JSON.stringify(outcome.checks),
      JSON.stringify(remaining.slice(0, STORED_VIOLATIONS).map(toViolation)),
      remaining.length,
      outcome.foundCount - remaining.length,
    ],
  );
}

export async function failVerificationRecord(pool: Pool, id: number, message: string): Promise<void> {
  await pool.query("UPDATE verification_runs SET status = 'error', finished_at = now(), error = $2 WHERE id = $1", [
    id,
    message.slice(0, 2000),
  ]);
}
