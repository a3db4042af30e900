import { describe, expect, it } from "vitest";
import { forecastTotalsBy } from "./forecast-totals";

const lines = [
  { team: "payments", registry: "b", actualToDate: 1_000_001n, forecast: 3_000_003n },
  { team: "payments", registry: "a", actualToDate: 2n, forecast: 5n },
  { team: "search", registry: "b", actualToDate: -1n, forecast: 0n },
];

describe("forecastTotalsBy", () => {
  it("sums each key's lines to the micro, keys in first-seen order", () => {
    expect([...forecastTotalsBy(lines, (l) => l.registry)]).toEqual([
      ["b", { actualToDate: 1_000_000n, forecast: 3_000_003n }],
      ["a", { actualToDate: 2n, forecast: 5n }],
    ]);
    expect(forecastTotalsBy(lines, (l) => l.team).get("payments")).toEqual({
      actualToDate: 1_000_003n,
      forecast: 3_000_008n,
    });
  });

  it("gives one total for a constant key and nothing for no lines", () => {
    expect(forecastTotalsBy(lines, () => "all").get("all")).toEqual({ actualToDate: 1_000_002n, forecast: 3_000_008n });
    expect(forecastTotalsBy([], () => "all").size).toBe(0);
  });
});
