import { describe, expect, it } from "vitest";
import { daySchema, monthSchema } from "../validation";

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
