/**
 * The latest `npm run verify` (lib/verify), as the Sync page shows it: its status, when, the
 * violations per check and the first violations left (the run keeps up to 200; the count is of all).
 */
import "server-only";
import { getDb } from "@/lib/db";
import {
  CHECK_TITLES,
  CHECKS,
  checkCountsSchema,
  violationsSchema,
  type CheckName,
  type Violation,
} from "@/lib/verify/violations";
import { toIso } from "../../views";

export type LastVerification = {
  id: number;
  /** clean | violations | repaired | error | running */
  status: string;
  repair: boolean;
  startedAt: string;
  finishedAt: string | null;
  checks: { check: CheckName; title: string; violations: number }[];
  violations: Violation[];
  violationCount: number;
  repairedCount: number;
  error: string | null;
};

export async function getLastVerification({
  violations = 10,
}: { violations?: number } = {}): Promise<LastVerification | null> {
  const db = await getDb();
  const run = await db.verificationRun.findFirst({ orderBy: [{ startedAt: "desc" }, { id: "desc" }] });
  if (!run) return null;
  const counts = new Map(
    checkCountsSchema
      .catch([])
      .parse(run.checks)
      .map((c) => [c.check, c.violations]),
  );
  return {
    id: run.id,
    status: run.status,
    repair: run.repair,
    startedAt: run.startedAt.toISOString(),
    finishedAt: toIso(run.finishedAt),
    checks:
      run.finishedAt && run.status !== "error"
        ? CHECKS.map((check) => ({ check, title: CHECK_TITLES[check], violations: counts.get(check) ?? 0 }))
        : [],
    violations: violationsSchema.catch([]).parse(run.violations).slice(0, violations),
    violationCount: run.violationCount,
    repairedCount: run.repairedCount,
    error: run.error,
  };
}
