/**
 * `npm run verify`: checks the stored inventory's invariants, and with a repair, re-fetches what
 * the violations touch through the sync's own code (markForRefetch, then one sync of the source)
 * and checks again. Each run is recorded in verification_runs. A snapshot of a day other than the
 * repair sync's cannot be written again (Azure keeps no history): such a violation is not
 * repaired and says so. A repair whose sync does not complete is an error ("azure").
 */
import type { Pool } from "pg";
import { describeError, LedgerError } from "@/lib/errors";
import type { SyncSummary } from "@/lib/sync/types";
import { countByCheck, outcomeStatus, type FoundViolation, type VerificationOutcome } from "../violations";
import { markForRefetch } from "./mark-for-refetch";
import { failVerificationRecord, finishVerificationRecord, startVerificationRecord } from "./record-verification";
import { runChecks } from "./run-checks";

/** The sync a repair runs: the UTC day (YYYY-MM-DD) it writes snapshots for, and the run itself. */
export type RepairSync = { day: string; sync(): Promise<SyncSummary> };

/** `repair` opens the sync only when there is something to repair (starting the simulator takes a while). */
export type VerifyOptions = { repair?: () => Promise<RepairSync> };

/** The outcome and the id of its verification_runs row. */
export type Verification = VerificationOutcome & { id: number };

export async function verifyInventory(pool: Pool, options: VerifyOptions = {}): Promise<Verification> {
  const id = await startVerificationRecord(pool, options.repair !== undefined);
  try {
    const found = await runChecks(pool);
    const remaining = options.repair && found.length > 0 ? await repair(pool, found, await options.repair()) : found;
    const outcome: VerificationOutcome = {
      status: outcomeStatus(found.length, remaining.length),
      checkedAt: new Date().toISOString(),
      checks: countByCheck(remaining),
      violations: remaining,
      foundCount: found.length,
    };
    await finishVerificationRecord(pool, id, outcome);
    return { ...outcome, id };
  } catch (error) {
    await failVerificationRecord(pool, id, describeError(error)).catch(() => undefined);
    throw error;
  }
}

async function repair(pool: Pool, found: FoundViolation[], repairSync: RepairSync): Promise<FoundViolation[]> {
  const repairable = found.filter((v) => !pastDay(v, repairSync.day));
  if (repairable.length > 0) {
    const registryIds = [...new Set(repairable.flatMap((v) => (v.registryId === undefined ? [] : [v.registryId])))];
    await markForRefetch(pool, registryIds);
    const summary = await repairSync.sync();
    if (summary.status !== "succeeded") {
      const reasons = summary.errors.map((e) => `${e.registry}: ${e.message}`).join("; ");
      throw new LedgerError("azure", `the repair's sync (run #${summary.runId}) ${summary.status}: ${reasons}`);
    }
  }
  const remaining = repairable.length > 0 ? await runChecks(pool) : found;
  return remaining.map((v) =>
    pastDay(v, repairSync.day)
      ? {
          ...v,
          message: `${v.message}; not repairable: a past day's figures cannot be fetched again (Azure keeps no history)`,
        }
      : v,
  );
}

/** A snapshot violation of a day the repair's sync does not write. */
function pastDay(violation: FoundViolation, repairDay: string): boolean {
  return violation.check === "snapshots" && violation.day !== undefined && violation.day !== repairDay;
}
