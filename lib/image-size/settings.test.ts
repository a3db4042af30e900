import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { formatBaseline, formatHundredths, formatMaxGrowth, parseBaseline, parseMaxGrowth } from "./settings";

describe("parseMaxGrowth", () => {
  it("reads percentages with or without the sign, exactly in hundredths of a percent", () => {
    expect(parseMaxGrowth("10%")).toEqual({ hundredthsPct: 1000n });
    expect(parseMaxGrowth("10")).toEqual({ hundredthsPct: 1000n });
    expect(parseMaxGrowth(" 12.5% ")).toEqual({ hundredthsPct: 1250n });
    expect(parseMaxGrowth("0.1%")).toEqual({ hundredthsPct: 10n });
    expect(parseMaxGrowth("0")).toEqual({ hundredthsPct: 0n });
    expect(parseMaxGrowth("250.05%")).toEqual({ hundredthsPct: 25005n });
  });

  it("refuses a bare share below 1 as ambiguous, naming both readings", () => {
    expect(() => parseMaxGrowth("0.1")).toThrow(/ambiguous; write "10%" for a share or "0.1%"/);
    expect(() => parseMaxGrowth("0.15")).toThrow(/"15%"/);
  });

  it.each(["", "ten", "10%%", "-5%", "1.234%", "%", "10 %", "1e2", "100001%"])(
    "rejects %j with a validation error",
    (text) => {
      let error: unknown;
      try {
        parseMaxGrowth(text);
      } catch (e) {
        error = e;
      }
      expect(isLedgerError(error, "validation")).toBe(true);
      expect(String((error as Error).message)).toMatch(/^max growth: /);
    },
  );

  it("formats back as written", () => {
    expect(formatMaxGrowth(parseMaxGrowth("10"))).toBe("10%");
    expect(formatMaxGrowth(parseMaxGrowth("12.50%"))).toBe("12.5%");
  });
});

describe("parseBaseline", () => {
  it("reads median:N, median and previous", () => {
    expect(parseBaseline("median:5")).toEqual({ kind: "median", count: 5 });
    expect(parseBaseline("MEDIAN:12")).toEqual({ kind: "median", count: 12 });
    expect(parseBaseline("median")).toEqual({ kind: "median", count: 5 });
    expect(parseBaseline("previous")).toEqual({ kind: "previous" });
    expect(formatBaseline(parseBaseline("median:3"))).toBe("median:3");
    expect(formatBaseline(parseBaseline("previous"))).toBe("previous");
  });

  it.each(["median:0", "median:101", "median:", "mean:5", "median:five", "last", ""])(
    "rejects %j naming the accepted forms",
    (text) => {
      expect(() => parseBaseline(text)).toThrow(
        /^baseline: expected "median:N" \(N from 1 to 100\), "median" or "previous"/,
      );
    },
  );
});

describe("formatHundredths", () => {
  it("prints a fixed-point percentage without trailing zeros", () => {
    expect(formatHundredths(2977n)).toBe("29.77");
    expect(formatHundredths(1000n)).toBe("10");
    expect(formatHundredths(1050n)).toBe("10.5");
    expect(formatHundredths(-5n)).toBe("-0.05");
    expect(formatHundredths(0n)).toBe("0");
  });
});
