import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "@/lib/domain/stale/policy";
import { isLedgerError } from "@/lib/errors";
import { planAsOf } from "./plan-as-of";
import { resolvePolicy } from "./resolve-policy";

describe("resolvePolicy", () => {
  it("gives the default rules without overrides when no policy is given", () => {
    expect(resolvePolicy(undefined)).toEqual({ ...DEFAULT_RULES, overrides: [] });
  });
  it("parses the JSON text, naming a bad field or bad JSON", () => {
    expect(resolvePolicy('{"keepLatest": 2}').keepLatest).toBe(2);
    expect(() => resolvePolicy('{"olderThanDays": "x"}')).toThrow(/olderThanDays: must be a whole number of days/);
    try {
      resolvePolicy("{nope");
      expect.unreachable();
    } catch (error) {
      expect(isLedgerError(error, "validation")).toBe(true);
      expect((error as Error).message).toMatch(/^Invalid stale-tag policy:\n {2}\(policy\): is not valid JSON: /);
    }
  });
});

describe("planAsOf", () => {
  it("is the last millisecond of the UTC day, today by default", () => {
    expect(planAsOf("2026-02-28").toISOString()).toBe("2026-02-28T23:59:59.999Z");
    expect(planAsOf(undefined, new Date("2026-11-28T00:30:00+02:00")).toISOString()).toBe("2026-11-27T23:59:59.999Z");
  });
});
