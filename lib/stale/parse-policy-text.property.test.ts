/** Any text given as a policy (the editor's textarea, an imported file, `?policy=`) is a policy or a validation error naming the problem. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { anyPolicyDocument } from "@/lib/testing/policy-arbitraries";
import { listPolicyProblems, parsePolicyText } from "./parse-policy-text";

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
          const problems = listPolicyProblems((error as Error).message);
          expect(problems.length).toBeGreaterThan(0);
          for (const problem of problems) expect(problem).toMatch(/^\S.*: \S/);
        }
      }),
      { numRuns: 800 },
    );
  }, 60_000);
});
