import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isLedgerError, type LedgerError } from "./errors";
import {
  daySchema,
  documentError,
  issuesFromZod,
  jsonPath,
  monthSchema,
  optionName,
  optionsFromParams,
  parseInput,
  parseJsonText,
} from "./validation";

describe("URL options", () => {
  it("names a kebab-case parameter by its camelCase option, as the CLI flag does", () => {
    expect(optionName("max-growth")).toBe("maxGrowth");
    expect(optionName("as-of")).toBe("asOf");
    expect(optionName("maxGrowth")).toBe("maxGrowth");
    expect(optionName("image")).toBe("image");
  });

  it("reads query parameters as options, a repeated one by its last value", () => {
    const params = new URLSearchParams("image=r.azurecr.io/a:1&max-growth=5%25&maxGrowth=20%25&baseline=previous");
    expect(optionsFromParams(params)).toEqual({ image: "r.azurecr.io/a:1", maxGrowth: "20%", baseline: "previous" });
    expect(optionsFromParams(Object.entries({ "max-growth": "7%", baseline: undefined }))).toEqual({
      maxGrowth: "7%",
      baseline: undefined,
    });
  });
});

describe("validation issues from zod", () => {
  const schema = z.strictObject({
    teams: z.array(z.strictObject({ name: z.string({ error: "must be a team name" }) })),
    byRegistry: z.record(z.string(), z.literal("even", { error: "must be even" })).optional(),
  });
  const issuesOfInput = (input: unknown) => {
    const result = schema.safeParse(input);
    if (result.success) throw new Error("expected a failure");
    return result.error.issues;
  };

  it("dots the path, expands unknown keys one by one and drops repeats", () => {
    const zodIssues = issuesOfInput({ teams: [{ name: "a" }, { name: 3, colour: "red", size: 1 }], extra: true });
    expect(issuesFromZod([...zodIssues, ...zodIssues])).toEqual([
      { path: "teams.1.name", message: "must be a team name" },
      { path: "teams.1.colour", message: "unknown field" },
      { path: "teams.1.size", message: "unknown field" },
      { path: "extra", message: "unknown field" },
    ]);
  });

  it("names the whole input by the empty path", () => {
    expect(issuesFromZod(issuesOfInput("nope"))).toEqual([{ path: "", message: expect.any(String) }]);
  });

  it("documentError lists the issues under a title, each path as a person points at it in the JSON", () => {
    const error = documentError(
      "Invalid thing",
      "(thing)",
      issuesOfInput({ teams: [{ name: 1 }], byRegistry: { " a": "odd", "b.c": "odd", d: "odd" } }),
    );
    expect(isLedgerError(error, "validation")).toBe(true);
    expect(error.message).toBe(
      'Invalid thing:\n  teams[0].name: must be a team name\n  byRegistry[" a"]: must be even\n  byRegistry["b.c"]: must be even\n  byRegistry.d: must be even',
    );
    expect(error.issues).toEqual([
      { path: "teams.0.name", message: "must be a team name" },
      { path: "byRegistry. a", message: "must be even" },
      { path: "byRegistry.b.c", message: "must be even" },
      { path: "byRegistry.d", message: "must be even" },
    ]);
    const whole = documentError("Invalid pricing file x.json", "(file)", issuesOfInput([]), { code: "config" });
    expect(isLedgerError(whole, "config")).toBe(true);
    expect(whole.message).toMatch(/^Invalid pricing file x\.json:\n {2}\(file\): \S/);
  });

  it("documentError can leave unknown keys as zod words them, on their object", () => {
    const error = documentError("Invalid thing", "(thing)", issuesOfInput({ teams: [], colour: "red" }), {
      unknownKeys: "zod",
    });
    expect(error.message).toBe('Invalid thing:\n  (thing): Unrecognized key: "colour"');
    expect(error.issues).toEqual([{ path: "", message: 'Unrecognized key: "colour"' }]);
  });

  it("jsonPath quotes the keys a reader could not find bare", () => {
    expect(jsonPath(["rules", 2, "team"])).toBe("rules[2].team");
    expect(jsonPath([""])).toBe('[""]');
    expect(jsonPath(["fixedFees", "byRegistry", "contoso-prod"])).toBe("fixedFees.byRegistry.contoso-prod");
    expect(jsonPath([])).toBe("");
  });

  it("parseJsonText refuses text that is not JSON as one issue about the whole document", () => {
    expect(parseJsonText('{"a":1}', "Invalid thing", "(thing)")).toEqual({ a: 1 });
    try {
      parseJsonText("{nope", "Invalid thing", "(thing)");
      expect.unreachable();
    } catch (error) {
      expect(isLedgerError(error, "validation")).toBe(true);
      expect((error as LedgerError).message).toMatch(/^Invalid thing:\n {2}\(thing\): is not valid JSON: /);
      expect((error as LedgerError).issues).toEqual([
        { path: "", message: expect.stringMatching(/^is not valid JSON: /) },
      ]);
    }
  });

  it("parseInput names the first bad field in the message and carries every issue", () => {
    const options = z.strictObject({ month: monthSchema, asOf: daySchema });
    try {
      parseInput(options, { month: "May", asOf: "2026-02-30", colour: "red" });
      expect.unreachable();
    } catch (error) {
      expect((error as LedgerError).message).toBe("month: expected a month as YYYY-MM (years 1000 to 9998)");
      expect((error as LedgerError).issues).toEqual([
        { path: "month", message: "expected a month as YYYY-MM (years 1000 to 9998)" },
        { path: "asOf", message: "not a calendar day" },
        { path: "colour", message: "unknown field" },
      ]);
    }
    expect(() => parseInput(options, { month: "2026-01", asOf: "a\u0000" })).toThrow(
      "asOf: must not contain a NUL character",
    );
    try {
      parseInput(z.strictObject({ month: monthSchema }), { month: "2026-01", colour: "red" });
      expect.unreachable();
    } catch (error) {
      // The message as zod words the problem (what CLIs and routes always printed); the issue by the key's own path.
      expect((error as LedgerError).message).toBe('input: Unrecognized key: "colour"');
      expect((error as LedgerError).issues).toEqual([{ path: "colour", message: "unknown field" }]);
    }
  });
});
