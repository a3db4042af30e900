import { describe, expect, it } from "vitest";
import { comparedDays, kindsUntil, sumDaysUntil } from "./compared-days";
import type { DayCost } from "./types";

describe("comparedDays", () => {
  it("compares a running month's days to today with the same days of the previous month", () => {
    expect(comparedDays("2026-12", "2026-12-05")).toEqual({
      running: true,
      current: { month: "2026-12", from: "2026-12-01", until: "2026-12-05" },
      previous: { month: "2026-11", from: "2026-11-01", until: "2026-11-05" },
    });
    expect(comparedDays("2027-01", "2027-01-01").previous).toEqual({
      month: "2026-12",
      from: "2026-12-01",
      until: "2026-12-01",
    });
  });

  it("clamps a day the previous month lacks to its last day", () => {
    expect(comparedDays("2026-12", "2026-12-31").previous.until).toBe("2026-11-30");
    expect(comparedDays("2026-03", "2026-03-29").previous.until).toBe("2026-02-28");
    expect(comparedDays("2028-03", "2028-03-29").previous.until).toBe("2028-02-29");
    expect(comparedDays("2026-03", "2026-03-28").previous.until).toBe("2026-02-28");
    expect(comparedDays("2026-03", "2026-03-27").previous.until).toBe("2026-02-27");
  });

  it("compares a complete month whole with the whole previous month", () => {
    expect(comparedDays("2026-11", "2026-12-05")).toEqual({
      running: false,
      current: { month: "2026-11", from: "2026-11-01", until: "2026-11-30" },
      previous: { month: "2026-10", from: "2026-10-01", until: "2026-10-31" },
    });
    expect(comparedDays("2026-03", "2026-04-01").previous.until).toBe("2026-02-28");
  });

  it("compares a month after today's whole (it has no day yet)", () => {
    expect(comparedDays("2027-02", "2026-12-05")).toMatchObject({
      running: false,
      previous: { month: "2027-01", until: "2027-01-31" },
    });
  });
});

describe("sumDaysUntil", () => {
  const days = [
    { day: "2026-11-01", micros: 3n },
    { day: "2026-11-05", micros: 4n },
    { day: "2026-11-06", micros: 5n },
    { day: "2026-11-30", micros: -1n },
  ];

  it("sums the days up to and including `until`, in any order", () => {
    expect(sumDaysUntil(days, "2026-11-05")).toBe(7n);
    expect(sumDaysUntil([...days].reverse(), "2026-11-05")).toBe(7n);
    expect(sumDaysUntil(days, "2026-11-04")).toBe(3n);
    expect(sumDaysUntil(days, "2026-11-30")).toBe(11n);
    expect(sumDaysUntil([], "2026-11-30")).toBe(0n);
  });
});

describe("kindsUntil", () => {
  const day = (d: string, unit: bigint, storage: bigint): DayCost => ({
    day: d,
    storedBytes: 0n,
    carriedForward: false,
    costs: { unit, storage, replication_unit: 0n, replication_storage: 0n, tasks: 1n },
  });

  it("sums each kind of the days up to `until`", () => {
    const daily = [day("2026-11-01", 5n, 7n), day("2026-11-02", 5n, 8n), day("2026-11-03", 6n, 9n)];
    expect(kindsUntil(daily, "2026-11-02")).toEqual({
      unit: 10n,
      storage: 15n,
      replication_unit: 0n,
      replication_storage: 0n,
      tasks: 2n,
    });
    expect(kindsUntil(daily, "2026-10-31").unit).toBe(0n);
  });
});
