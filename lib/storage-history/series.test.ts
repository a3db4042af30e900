import { describe, expect, it } from "vitest";
import { pivotSeries, rangeWindow } from "./series";

describe("rangeWindow", () => {
  it("covers the range's days up to and including today", () => {
    expect(rangeWindow("90d", "2026-11-28")).toEqual({ from: "2026-08-31", until: "2026-11-28" });
    expect(rangeWindow("1y", "2026-03-01")).toEqual({ from: "2025-03-02", until: "2026-03-01" });
  });
});

describe("pivotSeries", () => {
  it("gives one point per day with a value per series, sorted, and null where a series has none", () => {
    const { series, points } = pivotSeries([
      { day: "2026-11-02", series: "b", value: 5 },
      { day: "2026-11-01", series: "a", value: 1 },
      { day: "2026-11-02", series: "a", value: 2 },
    ]);
    expect(series).toEqual(["a", "b"]);
    expect(points).toEqual([
      { day: "2026-11-01", a: 1, b: null },
      { day: "2026-11-02", a: 2, b: 5 },
    ]);
  });

  it("is empty without rows", () => {
    expect(pivotSeries([])).toEqual({ series: [], points: [] });
  });
});
