import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { DEFAULT_RULES, effectivePolicy, MAX_KEEP_PATTERNS, parsePolicy, serializePolicy } from "./policy";

const problemsOf = (json: unknown): string => {
  try {
    parsePolicy(json);
  } catch (error) {
    expect(isLedgerError(error, "validation")).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected the policy to be rejected");
};

describe("parsePolicy", () => {
  it("fills every missing field with its default", () => {
    expect(parsePolicy({})).toEqual({ ...DEFAULT_RULES, overrides: [] });
    expect(DEFAULT_RULES).toEqual({
      olderThanDays: 90,
      keepLatest: 5,
      keepPatterns: ["^v?\\d+\\.\\d+\\.\\d+$", "^latest$"],
      untaggedOlderThanDays: 7,
    });
  });

  it("accepts the issue's example document", () => {
    const policy = parsePolicy({
      olderThanDays: 90,
      keepLatest: 5,
      keepPatterns: ["^v?\\d+\\.\\d+\\.\\d+$", "^latest$"],
      untaggedOlderThanDays: 7,
      overrides: [{ registry: "*", repository: "sandbox/**", olderThanDays: 14 }],
    });
    expect(policy.overrides).toEqual([{ registry: "*", repository: "sandbox/**", olderThanDays: 14 }]);
  });

  it("names an invalid regular expression by its position, with the regex error", () => {
    const message = problemsOf({ keepPatterns: ["^latest$", "(unclosed"] });
    expect(message).toMatch(/keepPatterns\[1\]: is not a valid regular expression: .*\(unclosed.*/);
    expect(message).not.toContain("keepPatterns[0]");
  });

  it("refuses a keep pattern RE2 cannot run, naming its field, the construct and the pattern", () => {
    const message = problemsOf({
      keepPatterns: ["^latest$"],
      overrides: [{ registry: "*", repository: "a/**", keepPatterns: ["^(?!tmp-)"] }],
    });
    expect(message.split("\n")).toEqual([
      "Invalid stale-tag policy:",
      '  overrides[0].keepPatterns[0]: uses a negative lookahead "(?!", which RE2 (the linear-time engine patterns run on) does not support: "^(?!tmp-)"',
    ]);
  });

  it("refuses a repository glob over the limits or of a refused kind, and more than 100 keep patterns", () => {
    const message = problemsOf({
      keepPatterns: Array.from({ length: MAX_KEEP_PATTERNS + 1 }, (_, i) => `^v${i}$`),
      overrides: [
        { registry: "*", repository: `${"*?".repeat(20)}!`, keepLatest: 1 },
        { registry: "*", repository: "@(a|b)", keepLatest: 1 },
      ],
    });
    expect(message).toContain(`  keepPatterns: must hold at most ${MAX_KEEP_PATTERNS} patterns`);
    expect(message).toContain(
      `  overrides[0].repository: "${"*?".repeat(20)}!" has 40 wildcards; at most 32 are allowed`,
    );
    expect(message).toMatch(/ {2}overrides\[1\]\.repository: "@\(a\|b\)" uses "\(": groups and extglobs/);
  });

  it("names an odd unknown key so the line still points somewhere", () => {
    expect(problemsOf({ "": 1, "a b": 2 }).split("\n").slice(1)).toEqual([
      '  [""]: unknown field',
      '  ["a b"]: unknown field',
    ]);
  });

  it("reports every bad field at once, overrides included", () => {
    const message = problemsOf({
      olderThanDays: -1,
      keepLatest: 2.5,
      untaggedOlderThanDays: "7",
      colour: "red",
      overrides: [
        { registry: "", repository: "a/**", keepLatest: 1 },
        { registry: "acme", repository: "b/*" },
        { registry: "acme", repository: "c", keepPatterns: ["["], olderThanDay: 3 },
        "nope",
      ],
    });
    expect(message.split("\n")).toEqual(
      expect.arrayContaining([
        "Invalid stale-tag policy:",
        "  olderThanDays: must not be negative",
        "  keepLatest: must be a whole number",
        "  untaggedOlderThanDays: must be a whole number of days",
        "  colour: unknown field",
        '  overrides[0].registry: must be a registry name or "*"',
        "  overrides[1]: sets no rule: give at least one of olderThanDays, keepLatest, keepPatterns, untaggedOlderThanDays",
        "  overrides[2].olderThanDay: unknown field",
        "  overrides[3]: must be an object",
      ]),
    );
    expect(message).toMatch(/overrides\[2\]\.keepPatterns\[0\]: is not a valid regular expression/);
  });

  it("rejects a document that is not an object, and absurd day counts", () => {
    expect(problemsOf([])).toContain("(policy): must be a JSON object");
    expect(problemsOf({ olderThanDays: 1e9 })).toContain("olderThanDays: must be at most 36500 days");
  });
});

describe("serializePolicy", () => {
  it("round-trips through JSON, defaults spelt out and override fields kept sparse", () => {
    const policy = parsePolicy({
      keepLatest: 3,
      overrides: [{ repository: "x/**", registry: "acme", keepPatterns: [] }],
    });
    const json = serializePolicy(policy);
    expect(parsePolicy(JSON.parse(json))).toEqual(policy);
    expect(JSON.parse(json)).toEqual({
      olderThanDays: 90,
      keepLatest: 3,
      keepPatterns: DEFAULT_RULES.keepPatterns,
      untaggedOlderThanDays: 7,
      overrides: [{ registry: "acme", repository: "x/**", keepPatterns: [] }],
    });
  });
});

describe("effectivePolicy", () => {
  const policy = parsePolicy({
    overrides: [
      { registry: "*", repository: "team-a/**", olderThanDays: 30, keepLatest: 2 },
      { registry: "ACME", repository: "team-a/*", keepLatest: 10, keepPatterns: ["^prod-"] },
      { registry: "other", repository: "**", untaggedOlderThanDays: 1 },
    ],
  });

  it("uses the base rules where no override matches", () => {
    expect(effectivePolicy(policy, "acme", "team-b/api")).toEqual({ ...DEFAULT_RULES, appliedOverrides: [] });
  });

  it("lets the later matching override win field by field", () => {
    expect(effectivePolicy(policy, "acme", "team-a/api")).toEqual({
      olderThanDays: 30,
      keepLatest: 10,
      keepPatterns: ["^prod-"],
      untaggedOlderThanDays: 7,
      appliedOverrides: [0, 1],
    });
  });

  it("matches * within one segment and ** across slashes", () => {
    expect(effectivePolicy(policy, "acme", "team-a/api/worker")).toMatchObject({
      olderThanDays: 30,
      keepLatest: 2,
      appliedOverrides: [0],
    });
    expect(effectivePolicy(policy, "acme", "team-a")).toMatchObject({ appliedOverrides: [0] });
  });

  it("matches registry names case-insensitively, * matching any", () => {
    expect(effectivePolicy(policy, "Acme", "team-a/api").appliedOverrides).toEqual([0, 1]);
    expect(effectivePolicy(policy, "other", "team-a/api")).toMatchObject({
      keepLatest: 2,
      untaggedOlderThanDays: 1,
      appliedOverrides: [0, 2],
    });
  });
});
