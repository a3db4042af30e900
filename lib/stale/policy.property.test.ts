/**
 * Property tests of the stale-tag policy document, a parser of user input (the editor, the API,
 * `?policy=` and `--policy FILE`): any JSON value is either a policy that round-trips through its
 * canonical form and whose patterns and globs run in bounded time, or a LedgerError("validation")
 * whose lines each name a field. Never another error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { anyPolicyDocument, anyTagName } from "@/lib/testing/policy-arbitraries";
import { candidateTagNames } from "./candidates";
import { parsePolicy, policyResolver, serializePolicy, type Policy } from "./policy";

const AS_OF = new Date("2026-12-01T00:00:00.000Z");

function parseOrMessage(json: unknown): Policy | string {
  try {
    return parsePolicy(json);
  } catch (error) {
    expect(isLedgerError(error, "validation"), `not a validation error: ${String(error)}`).toBe(true);
    return (error as Error).message;
  }
}

describe("stale-tag policy (property)", () => {
  it("accepts a document whole (round trip, patterns and globs that run at once on any tag) or names every bad field", () => {
    fc.assert(
      fc.property(anyPolicyDocument, fc.array(anyTagName, { maxLength: 20 }), (document, tagNames) => {
        const result = parseOrMessage(JSON.parse(JSON.stringify(document) ?? "null"));
        if (typeof result === "string") {
          const [head, ...lines] = result.split("\n");
          expect(head).toBe("Invalid stale-tag policy:");
          expect(lines.length).toBeGreaterThan(0);
          for (const line of lines) expect(line).toMatch(/^ {2}\S.*: \S/);
          return;
        }
        expect(parsePolicy(JSON.parse(serializePolicy(result)))).toEqual(result);
        const started = performance.now();
        const rulesFor = policyResolver(result);
        const tags = tagNames.map((name, i) => ({
          name,
          digest: `sha256:${i}`,
          lastUpdatedAt: new Date(0),
          locked: false,
        }));
        for (const repository of ["team-a/api", "a", tagNames[0] ?? "x"])
          candidateTagNames(tags, rulesFor("acme", repository), AS_OF);
        expect(performance.now() - started).toBeLessThan(1_000);
      }),
      { numRuns: 800 },
    );
  }, 60_000);
});
