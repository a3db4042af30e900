import { describe, expect, it } from "vitest";
import type { CostKind } from "../costs/types";
import { sinceInventoried, teamDailySeries, teamMonthForecasts } from "./team-series";

const days = (entries: [string, bigint][]) => entries.map(([day, micros]) => ({ day, micros }));

describe("teamDailySeries", () => {
  it("sums each team's days over registries and months, oldest first, up to the day", () => {
    const october = new Map([["data", days([["2026-10-31", 5n]])]]);
    const registryA = new Map([
      [
        "data",
        days([
          ["2026-11-02", 30n],
          ["2026-11-01", 10n],
          ["2026-11-03", 99n],
        ]),
      ],
      ["search", days([["2026-11-01", 1n]])],
    ]);
    const registryB = new Map([["data", days([["2026-11-02", 12n]])]]);
    const series = teamDailySeries([october, registryA, registryB], "2026-11-02");
    expect(series.get("data")).toEqual([
      { day: "2026-10-31", value: 5n },
      { day: "2026-11-01", value: 10n },
      { day: "2026-11-02", value: 42n },
    ]);
    expect(series.get("search")).toEqual([{ day: "2026-11-01", value: 1n }]);
  });

  it("leaves out the days a team was not charged", () => {
    const series = teamDailySeries([new Map([["data", days([["2026-11-05", 7n]])]])], "2026-11-30");
    expect(series.get("data")).toEqual([{ day: "2026-11-05", value: 7n }]);
  });
});

describe("sinceInventoried", () => {
  it("drops a registry's days before its first charge of any kind but task runs", () => {
    const daily = new Map([
      [
        "data",
        days([
          ["2026-10-24", 70_000n],
          ["2026-10-25", 60_000n],
          ["2026-10-26", 5_010_000n],
        ]),
      ],
      [
        "search",
        days([
          ["2026-10-25", 1n],
          ["2026-10-27", 9n],
        ]),
      ],
    ]);
    const byKind = new Map([
      [
        "data",
        new Map<CostKind, ReturnType<typeof days>>([
          [
            "tasks",
            days([
              ["2026-10-24", 70_000n],
              ["2026-10-25", 60_000n],
              ["2026-10-26", 10_000n],
            ]),
          ],
          [
            "unit",
            days([
              ["2026-10-25", 0n],
              ["2026-10-26", 5_000_000n],
            ]),
          ],
        ]),
      ],
    ]);
    expect(sinceInventoried(daily, byKind)).toEqual(
      new Map([
        ["data", days([["2026-10-26", 5_010_000n]])],
        ["search", days([["2026-10-27", 9n]])],
      ]),
    );
  });

  it("keeps nothing of a registry charged only for task runs", () => {
    const tasksOnly = new Map([
      ["data", new Map<CostKind, ReturnType<typeof days>>([["tasks", days([["2026-10-24", 5n]])]])],
    ]);
    expect(sinceInventoried(new Map([["data", days([["2026-10-24", 5n]])]]), tasksOnly)).toEqual(new Map());
  });
});

describe("teamMonthForecasts", () => {
  it("forecasts each team's whole month kind by kind over its registries", () => {
    const fees = (micros: bigint) =>
      new Map<CostKind, ReturnType<typeof days>>([
        [
          "unit",
          days([
            ["2026-11-01", micros],
            ["2026-11-02", micros],
          ]),
        ],
      ]);
    const forecasts = teamMonthForecasts("2026-11", "2026-11-02", [
      new Map([["data", fees(1_000n)]]),
      new Map([
        ["data", fees(500n)],
        ["search", fees(2n)],
      ]),
    ]);
    // Fixed fees go on at the last day's fee for the 30 days of November.
    expect(forecasts.get("data")).toBe(30n * 1_500n);
    expect(forecasts.get("search")).toBe(60n);
  });
});
