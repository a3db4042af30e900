import { describe, expect, it } from "vitest";
import { currentUtcDay, monthOfDay } from "@/lib/calendar";
import { resolveRunningMonth, runningMonthOptions } from "./running-month-options";

describe("resolveRunningMonth", () => {
  it("defaults to the month asOf falls in, and asOf to today", () => {
    expect(resolveRunningMonth({ asOf: "2026-11-03" })).toEqual({ month: "2026-11", today: "2026-11-03" });
    expect(resolveRunningMonth({ month: "2026-10", asOf: "2026-11-03" })).toEqual({
      month: "2026-10",
      today: "2026-11-03",
    });
    const today = currentUtcDay();
    expect(resolveRunningMonth({})).toEqual({ month: monthOfDay(today), today });
  });

  it("refuses a month or a day that is not one", () => {
    expect(runningMonthOptions.safeParse({ month: "2026-13" }).success).toBe(false);
    expect(runningMonthOptions.safeParse({ asOf: "2026-02-30" }).success).toBe(false);
  });
});
