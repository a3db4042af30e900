/**
 * What `npm run verify` prints: a line per check (ok, or how many violations) and the first
 * violations with what they affect; with --json, one JSON object on the last line.
 */
import { CHECK_TITLES, toViolation, type VerificationOutcome } from "./violations";

/** Violations printed in full on a terminal, per check (so each failing check shows); --json carries them all. */
export const PRINTED_PER_CHECK = 5;

export function formatVerificationText(outcome: VerificationOutcome, repair: boolean): string {
  const lines: string[] = [];
  const remaining = outcome.violations;
  const repaired = outcome.foundCount - remaining.length;
  const headline =
    outcome.status === "clean"
      ? "clean: every invariant holds"
      : outcome.status === "repaired"
        ? `repaired: ${outcome.foundCount} violation(s) found, re-fetched, and every invariant holds now`
        : `${remaining.length} violation(s)${repair ? ` remain (${repaired} of ${outcome.foundCount} repaired)` : ""}`;
  lines.push(`Verification ${headline}.`);
  for (const { check, violations } of outcome.checks) {
    lines.push(
      `  ${check.padEnd(15)} ${violations === 0 ? "ok" : `${violations} violation(s)`}  (${CHECK_TITLES[check]})`,
    );
  }
  const shown = outcome.checks.flatMap(({ check }) =>
    remaining.filter((v) => v.check === check).slice(0, PRINTED_PER_CHECK),
  );
  if (shown.length > 0)
    lines.push(
      "",
      shown.length < remaining.length ? `First violations (at most ${PRINTED_PER_CHECK} per check):` : "Violations:",
    );
  for (const v of shown) {
    const where = [v.registry, v.repository].filter(Boolean).join("/");
    const when = v.month ?? v.day;
    lines.push(
      `- [${v.check}] ${where || "(no repository)"}${when ? ` ${when}` : ""}: ${v.message}`,
      `    affects: ${v.affects}`,
    );
  }
  if (!repair && remaining.length > 0) {
    lines.push(
      "",
      "Run with --repair to fetch the affected registries again (snapshots of past days cannot be fetched again: Azure keeps no history).",
    );
  }
  return `${lines.join("\n")}\n`;
}

export function formatVerificationJson(outcome: VerificationOutcome): string {
  return `${JSON.stringify({ status: outcome.status, checkedAt: outcome.checkedAt, checks: outcome.checks, violations: outcome.violations.map(toViolation) })}\n`;
}
