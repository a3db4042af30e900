/**
 * The vocabulary of `npm run verify`: the invariants of the stored inventory (each checked by one
 * function in ./server), the violations they report and the outcome of a run. Pure: the CLI, the
 * recorder and the Sync page share these shapes.
 */
import { z } from "zod";

/** The checks, in the order they run and are reported. */
export const CHECKS = ["manifest-facts", "stored-bytes", "counts", "snapshots", "chargeback"] as const;
export type CheckName = (typeof CHECKS)[number];

export const CHECK_TITLES: Record<CheckName, string> = {
  "manifest-facts": "Every manifest's facts complete",
  "stored-bytes": "Attributed bytes sum to stored bytes",
  counts: "Counts match rows",
  snapshots: "Each synced day has its snapshots",
  chargeback: "Team lines sum to each registry-month's cost",
};

export type Violation = {
  check: CheckName;
  registry?: string;
  repository?: string;
  digest?: string;
  /** The month of a chargeback violation (YYYY-MM). */
  month?: string;
  /** The day of a snapshot violation (YYYY-MM-DD). */
  day?: string;
  message: string;
  /** Which figures are wrong because of it, in words. */
  affects: string;
};

/** As a check finds it: with the registry's id, which the repair needs (names repeat across subscriptions). */
export type FoundViolation = Violation & { registryId?: number };

/** The public shape: the internal id dropped. */
export function toViolation({ registryId: _id, ...violation }: FoundViolation): Violation {
  return violation;
}

export type CheckCount = { check: CheckName; violations: number };

/** The recorded JSON (verification_runs.checks and .violations), read back at the boundary. */
export const checkCountsSchema = z.array(z.object({ check: z.enum(CHECKS), violations: z.number().int() }));
export const violationsSchema = z.array(
  z.object({
    check: z.enum(CHECKS),
    registry: z.string().optional(),
    repository: z.string().optional(),
    digest: z.string().optional(),
    month: z.string().optional(),
    day: z.string().optional(),
    message: z.string(),
    affects: z.string(),
  }),
);

/** clean: nothing found; violations: some remain; repaired: found, re-fetched, and clean after. */
export type VerificationStatus = "clean" | "violations" | "repaired";

export type VerificationOutcome = {
  status: VerificationStatus;
  /** When the final checks ran (ISO 8601 UTC). */
  checkedAt: string;
  checks: CheckCount[];
  /** What remains after the repair (all of them without one); toViolation gives their public shape. */
  violations: FoundViolation[];
  /** Violations found before a repair (equal to `violations.length` without one). */
  foundCount: number;
};

/** Violations kept in the database per run; the count keeps the full number. */
export const STORED_VIOLATIONS = 200;

export function countByCheck(violations: readonly Violation[]): CheckCount[] {
  return CHECKS.map((check) => ({ check, violations: violations.filter((v) => v.check === check).length }));
}

export function outcomeStatus(found: number, remaining: number): VerificationStatus {
  if (remaining > 0) return "violations";
  return found > 0 ? "repaired" : "clean";
}

/** The stored inventory's figures a registry's storage feeds (stored bytes, then its costs and chargeback). */
export function registryStorageFigures(registry: string): string {
  return `stored bytes of ${registry}, its storage cost and its teams' chargeback`;
}

/** A repository's storage figures and what they feed. */
export function repositoryStorageFigures(registry: string, repository: string): string {
  return `logical/unique/attributed bytes of ${repository} in ${registry}; ${registryStorageFigures(registry)}`;
}
