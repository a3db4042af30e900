import { describe, expect, it } from "vitest";
import { currentUtcDay, lastCompleteMonth, monthOfDay } from "@/lib/calendar";
import { daySchema, monthSchema } from "../validation";
import { costMonthSchema, resolveMonth, resolveReviewMonth, reviewMonthSchema } from "./cost-params";

describe("the month and day options", () => {
  it("take four-digit years whose following month and day still have four digits", () => {
    expect(monthSchema.safeParse("9998-12").success).toBe(true);
    expect(daySchema.safeParse("9998-12-31").success).toBe(true);
    expect(daySchema.safeParse("1000-01-01").success).toBe(true);
  });

  it("refuse the year 9999 (its month's end would be the year 10000) and years before 1000, naming the range", () => {
    for (const [schema, value] of [
      [monthSchema, "9999-12"],
      [daySchema, "9999-12-31"],
      [monthSchema, "0999-01"],
    ] as const) {
      const result = schema.safeParse(value);
      expect(result.success, value).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/1000 to 9998/);
    }
  });
});

describe("the month a view opens on", () => {
  it("is today's for month-to-date views and the last complete one for the review", () => {
    expect(costMonthSchema.parse({ today: "2026-12-05" })).toEqual({ month: "2026-12", today: "2026-12-05" });
    expect(reviewMonthSchema.parse({ today: "2026-12-05" })).toEqual({ month: "2026-11", today: "2026-12-05" });
    expect(reviewMonthSchema.parse({ today: "2027-01-01" })).toEqual({ month: "2026-12", today: "2027-01-01" });
  });

  it("keeps a month given, the running one included", () => {
    expect(reviewMonthSchema.parse({ month: "2026-12", today: "2026-12-05" })).toEqual({
      month: "2026-12",
      today: "2026-12-05",
    });
    expect(resolveReviewMonth({ month: "2026-03", today: "2026-12-05", extra: 1 })).toEqual({
      month: "2026-03",
      today: "2026-12-05",
      extra: 1,
    });
  });

  it("defaults today to the current UTC day", () => {
    const today = currentUtcDay();
    expect(reviewMonthSchema.parse({})).toEqual({ month: lastCompleteMonth(today), today });
    expect(resolveMonth({})).toEqual({ month: monthOfDay(today), today });
  });
});
