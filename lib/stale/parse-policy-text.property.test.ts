/** Any text given as a policy (the editor's textarea, an imported file, `?policy=`) is a policy or a validation error naming the problem. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLedgerError, type LedgerError } from "@/lib/errors";
import { anyPolicyDocument } from "@/lib/testing/policy-arbitraries";
import { parsePolicyText } from "./parse-policy-text";

const anyText = fc.oneof(
  anyPolicyDocument.map((document) => JSON.stringify(document) ?? ""),
  anyPolicyDocument.map((document) => (JSON.stringify(document) ?? "").slice(0, -1)),
  fc.string({ maxLength: 200 }),
);

describe("parsePolicyText (property)", () => {
  it("turns any text into a policy or a validation error whose problems each name a field", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          parsePolicyText(text);
        } catch (error) {
          expect(isLedgerError(error, "validation"), `not a validation error: ${String(error)}`).toBe(true);
          const { message, issues = [] } = error as LedgerError;
          const problems = message
            .split("\n")
            .slice(1)
            .map((line) => line.trim());
          expect(problems.length).toBeGreaterThan(0);
          for (const problem of problems) expect(problem).toMatch(/^\S.*: \S/);
          // The issues are the message's lines, path and reason apart ("" naming the policy itself).
          expect(issues.length).toBe(problems.length);
          for (const issue of issues) expect(issue.message).toMatch(/^\S/);
        }
      }),
      { numRuns: 800 },
    );
  }, 60_000);
});
