import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COST_KINDS } from "../costs/types";
import { forecastKind, forecastTotal, TREND_DAYS } from "./forecast";

const days = (...values: number[]) => values.map(BigInt);

describe("forecastKind", () => {
  it("continues a fixed fee at the last day's fee for the remaining days", () => {
    expect(forecastKind({ kind: "unit", daysInMonth: 30, daily: days(100, 100, 100, 100, 100) })).toEqual({
      actualToDate: 500n,
      forecast: 3000n,
    });
    // A SKU change mid-month: the new fee is what the rest of the month pays.
    expect(forecastKind({ kind: "replication_unit", daysInMonth: 31, daily: days(10, 10, 40) }).forecast).toBe(
      60n + 40n * 28n,
    );
  });

  it("continues storage at its run-rate moved by the last week's average daily change", () => {
    // Rising by 10 a day: the next days cost 160, 170, …
    const daily = days(100, 110, 120, 130, 140, 150);
    const rest = Array.from({ length: 24 }, (_, i) => 160 + 10 * i).reduce((a, b) => a + b, 0);
    expect(forecastKind({ kind: "storage", daysInMonth: 30, daily }).forecast).toBe(750n + BigInt(rest));
  });

  it("takes the trend over the last week only", () => {
    // A jump long ago does not steer the trend: the last 7 days are flat.
    const daily = days(0, 0, 500, 500, 500, 500, 500, 500, 500, 500);
    expect(daily.length).toBeGreaterThan(TREND_DAYS);
    expect(forecastKind({ kind: "storage", daysInMonth: 30, daily }).forecast).toBe(4000n + 500n * 20n);
  });

  it("never forecasts a storage day below zero", () => {
    // Falling by 50 a day from 100: 50, 0, then nothing more rather than negative days.
    const result = forecastKind({ kind: "replication_storage", daysInMonth: 10, daily: days(200, 150, 100) });
    expect(result.forecast).toBe(450n + 50n);
  });

  it("keeps a fractional trend exact and rounds once", () => {
    // (10 − 0) / 2 = 5 a day from 10: 15 + 20 = 35 over two more days.
    expect(forecastKind({ kind: "storage", daysInMonth: 5, daily: days(0, 3, 10) }).forecast).toBe(13n + 35n);
    // 1 over 3 steps: 1 + 4/3 … exact sum (4 + 5 + 6) / 3 = 5, not 1 + 1 + 2.
    expect(forecastKind({ kind: "storage", daysInMonth: 7, daily: days(0, 0, 0, 1) }).forecast).toBe(1n + 5n);
  });

  it("continues tasks at the month's average day so far", () => {
    expect(forecastKind({ kind: "tasks", daysInMonth: 30, daily: days(0, 90, 0) }).forecast).toBe(900n);
  });

  it("forecasts a complete month as its actual, and an empty one as nothing", () => {
    const full = Array.from({ length: 28 }, (_, i) => BigInt(i));
    for (const kind of COST_KINDS) {
      expect(forecastKind({ kind, daysInMonth: 28, daily: full }).forecast).toBe(378n);
      expect(forecastKind({ kind, daysInMonth: 28, daily: [] })).toEqual({ actualToDate: 0n, forecast: 0n });
    }
  });

  it("refuses more days than the month has", () => {
    expect(() => forecastKind({ kind: "unit", daysInMonth: 28, daily: Array(29).fill(1n) })).toThrow(/29 days/);
  });

  it("is never below the actual and is the actual plus the remaining days' estimates", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COST_KINDS),
        fc.integer({ min: 28, max: 31 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { maxLength: 28 }),
        (kind, daysInMonth, daily) => {
          const { actualToDate, forecast } = forecastKind({ kind, daysInMonth, daily });
          expect(actualToDate).toBe(daily.reduce((a, b) => a + b, 0n));
          expect(forecast >= actualToDate).toBe(true);
        },
      ),
    );
  });
});

describe("forecastTotal", () => {
  it("sums the kinds' actuals and forecasts exactly", () => {
    const total = forecastTotal([
      { kind: "unit", daysInMonth: 30, daily: days(5, 5) },
      { kind: "tasks", daysInMonth: 30, daily: days(2, 0) },
    ]);
    expect(total).toEqual({ actualToDate: 12n, forecast: 150n + 30n });
  });
});
