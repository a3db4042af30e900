import { describe, expect, it } from "vitest";
import {
  budgetStatus,
  crossedThresholds,
  DEFAULT_THRESHOLDS,
  parseThresholds,
  percentOfBudget,
  thresholdKey,
} from "./thresholds";

const USD = (units: number) => BigInt(Math.round(units * 1_000_000));

describe("parseThresholds", () => {
  it("reads the documented form, in order", () => {
    expect(parseThresholds("forecast:80, actual:100,actual:50.5")).toEqual([
      { basis: "forecast", percent: 80 },
      { basis: "actual", percent: 100 },
      { basis: "actual", percent: 50.5 },
    ]);
    expect(DEFAULT_THRESHOLDS.map(thresholdKey).join(",")).toBe("forecast:80,actual:100");
  });

  it.each([
    ["", /no thresholds/],
    ["actual", /"actual" is not actual:<percent>/],
    ["budget:80", /"budget:80" is not/],
    ["actual:0", /"actual:0" is not/],
    ["forecast:1001", /"forecast:1001" is not/],
    ["actual:80.125", /"actual:80.125" is not/],
    ["actual:100,actual:100", /"actual:100" is given twice/],
  ])("refuses %j naming the entry", (text, message) => {
    expect(() => parseThresholds(text)).toThrow(message);
  });
});

describe("crossedThresholds", () => {
  const month = { budget: USD(250), actualToDate: USD(150), forecast: USD(210) };

  it("compares the actual or the forecast with a percent of the budget, inclusive", () => {
    expect(crossedThresholds(month, DEFAULT_THRESHOLDS)).toEqual([{ basis: "forecast", percent: 80 }]);
    // 210 / 250 is exactly 84 %: reached at 84, not at 84.01.
    expect(crossedThresholds(month, parseThresholds("forecast:84,forecast:84.01"))).toEqual([
      { basis: "forecast", percent: 84 },
    ]);
    expect(crossedThresholds({ ...month, actualToDate: USD(250) }, DEFAULT_THRESHOLDS)).toHaveLength(2);
  });

  it("counts a zero budget as reached by any cost", () => {
    expect(crossedThresholds({ budget: 0n, actualToDate: 0n, forecast: 1n }, DEFAULT_THRESHOLDS)).toHaveLength(2);
  });
});

describe("percentOfBudget and budgetStatus", () => {
  it("gives the actual as a percent of the budget to one decimal", () => {
    expect(percentOfBudget(USD(208.5), USD(250))).toBe("83.4");
    expect(percentOfBudget(USD(500), USD(250))).toBe("200.0");
    expect(percentOfBudget(USD(-1), USD(250))).toBe("-0.4");
    expect(percentOfBudget(USD(1), 0n)).toBeNull();
  });

  it("is over once the actual reaches the budget, at risk once the forecast does", () => {
    expect(budgetStatus({ budget: USD(250), actualToDate: USD(250), forecast: USD(300) })).toBe("over");
    expect(budgetStatus({ budget: USD(250), actualToDate: USD(100), forecast: USD(250) })).toBe("at_risk");
    expect(budgetStatus({ budget: USD(250), actualToDate: USD(100), forecast: USD(249.99) })).toBe("on_track");
  });
});
