import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "@/lib/stale/policy";
import { isLedgerError } from "@/lib/errors";
import { planAsOf } from "../plan-as-of";
import { defaultPolicy, parsePolicyText } from "../parse-policy-text";

describe("parsePolicyText", () => {
  it("the default policy is the default rules without overrides", () => {
    expect(defaultPolicy()).toEqual({ ...DEFAULT_RULES, overrides: [] });
  });
  it("parses the JSON text, naming a bad field or bad JSON", () => {
    expect(parsePolicyText('{"keepLatest": 2}').keepLatest).toBe(2);
    expect(() => parsePolicyText('{"olderThanDays": "x"}')).toThrow(/olderThanDays: must be a whole number of days/);
    try {
      parsePolicyText("{nope");
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
