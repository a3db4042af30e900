import { describe, expect, it } from "vitest";
import { formatVerificationJson, formatVerificationText, PRINTED_PER_CHECK } from "./format-verification";
import { CHECKS, countByCheck, outcomeStatus, type FoundViolation, type VerificationOutcome } from "./violations";

const violation = (i: number): FoundViolation => ({
  check: "counts",
  registryId: 3,
  registry: "contoso",
  repository: `team/app${i}`,
  message: `repository tag count ${i}, rows say 0`,
  affects: "tag count of it",
});

function outcome(found: number, remaining: FoundViolation[]): VerificationOutcome {
  return {
    status: outcomeStatus(found, remaining.length),
    checkedAt: "2026-12-05T10:00:00.000Z",
    checks: countByCheck(remaining),
    violations: remaining,
    foundCount: found,
  };
}

describe("outcomeStatus", () => {
  it("is clean with nothing found, repaired when all found are gone, violations while any remain", () => {
    expect(outcomeStatus(0, 0)).toBe("clean");
    expect(outcomeStatus(4, 0)).toBe("repaired");
    expect(outcomeStatus(4, 1)).toBe("violations");
  });
});

describe("formatVerificationText", () => {
  it("prints a line per check and the first violations with what they affect", () => {
    const facts: FoundViolation = {
      check: "manifest-facts",
      registry: "contoso",
      repository: "team/api",
      digest: "sha256:aa",
      message: "facts incomplete",
      affects: "bytes",
    };
    const remaining = [...Array.from({ length: PRINTED_PER_CHECK + 20 }, (_, i) => violation(i)), facts];
    const text = formatVerificationText(outcome(30, remaining), true);
    expect(text.split("\n")[0]).toBe(`Verification ${remaining.length} violation(s) remain (4 of 30 repaired).`);
    for (const check of CHECKS) expect(text).toMatch(new RegExp(`^  ${check} +(ok|\\d+ violation)`, "m"));
    expect(text).toMatch(/^ {2}counts +25 violation\(s\)/m);
    expect(text).toContain(`First violations (at most ${PRINTED_PER_CHECK} per check):`);
    // Each failing check shows, in the checks' order.
    expect(text.indexOf("- [manifest-facts] contoso/team/api: facts incomplete\n    affects: bytes")).toBeLessThan(
      text.indexOf("- [counts]"),
    );
    expect(text).toContain(
      "- [counts] contoso/team/app0: repository tag count 0, rows say 0\n    affects: tag count of it",
    );
    expect(text).not.toContain(`team/app${PRINTED_PER_CHECK}:`);
  });

  it("says clean, and points at --repair only when violations remain without one", () => {
    expect(formatVerificationText(outcome(0, []), false)).toMatch(/^Verification clean: every invariant holds\.\n/);
    expect(formatVerificationText(outcome(1, [violation(1)]), false)).toContain("Run with --repair");
    expect(formatVerificationText(outcome(1, [violation(1)]), true)).not.toContain("Run with --repair");
  });
});

describe("formatVerificationJson", () => {
  it("is one line with the public shape: no internal registry id", () => {
    const line = formatVerificationJson(outcome(1, [violation(1)]));
    expect(line.endsWith("\n")).toBe(true);
    expect(line.trim()).not.toContain("\n");
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual(["status", "checkedAt", "checks", "violations"]);
    expect(parsed.violations[0]).toEqual({
      check: "counts",
      registry: "contoso",
      repository: "team/app1",
      message: "repository tag count 1, rows say 0",
      affects: "tag count of it",
    });
  });
});
