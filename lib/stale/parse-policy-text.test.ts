import { describe, expect, it } from "vitest";
import { isLedgerError, type LedgerError } from "@/lib/errors";
import { parsePolicyText } from "./parse-policy-text";

function refusal(text: string): LedgerError {
  try {
    parsePolicyText(text);
  } catch (error) {
    if (isLedgerError(error, "validation")) return error;
    throw error;
  }
  throw new Error("expected the policy to be refused");
}

describe("parsePolicyText issues", () => {
  it("carries each bad field as an issue with its dotted path, the message listing the same", () => {
    const error = refusal(
      JSON.stringify({
        keepLatest: "many",
        "a b": 1,
        overrides: [
          { registry: "*", repository: "a/**", keepPatterns: [3] },
          { registry: "*", repository: "b/**" },
        ],
      }),
    );
    expect(error.issues).toEqual([
      { path: "keepLatest", message: "must be a whole number" },
      { path: "overrides.0.keepPatterns.0", message: "must be a string holding a regular expression" },
      {
        path: "overrides.1",
        message: "sets no rule: give at least one of olderThanDays, keepLatest, keepPatterns, untaggedOlderThanDays",
      },
      { path: "a b", message: "unknown field" },
    ]);
    expect(error.message.split("\n")).toEqual([
      "Invalid stale-tag policy:",
      "  keepLatest: must be a whole number",
      "  overrides[0].keepPatterns[0]: must be a string holding a regular expression",
      "  overrides[1]: sets no rule: give at least one of olderThanDays, keepLatest, keepPatterns, untaggedOlderThanDays",
      '  ["a b"]: unknown field',
    ]);
  });

  it("names a document that is not an object, or not JSON, as an issue about the whole policy", () => {
    const notObject = refusal("[]");
    expect(notObject.issues).toEqual([{ path: "", message: "must be a JSON object" }]);
    expect(notObject.message).toBe("Invalid stale-tag policy:\n  (policy): must be a JSON object");
    const notJson = refusal("{nope");
    expect(notJson.message).toMatch(/^Invalid stale-tag policy:\n {2}\(policy\): is not valid JSON: /);
    expect(notJson.issues).toEqual([{ path: "", message: expect.stringMatching(/^is not valid JSON: /) }]);
  });
});
