import { describe, expect, it } from "vitest";
import { formatMoney, formatRational, parseMoney, roundDiv } from "./money";

describe("parseMoney", () => {
  it("reads decimals into micros", () => {
    expect(parseMoney("0.1666")).toBe(166_600n);
    expect(parseMoney("1.6666")).toBe(1_666_600n);
    expect(parseMoney("0.10")).toBe(100_000n);
    expect(parseMoney("5")).toBe(5_000_000n);
    expect(parseMoney("0.000001")).toBe(1n);
    expect(parseMoney("-0.5")).toBe(-500_000n);
  });

  it("rejects more than 6 decimals and junk", () => {
    expect(() => parseMoney("0.1234567")).toThrow(/more than 6 decimals/);
    for (const junk of ["", "abc", "1e-7", "1,5", "0.", ".5", "1.2.3"])
      expect(() => parseMoney(junk)).toThrow(/not a decimal amount/);
  });
});

describe("formatMoney", () => {
  it("prints 6 decimals by default, negatives included", () => {
    expect(formatMoney(4_998_000n)).toBe("4.998000");
    expect(formatMoney(-4_998_000n)).toBe("-4.998000");
    expect(formatMoney(5n)).toBe("0.000005");
    expect(formatMoney(0n)).toBe("0.000000");
  });

  it("rounds half away from zero below 6 decimals and pads above", () => {
    expect(formatMoney(1_234_567n, 2)).toBe("1.23");
    expect(formatMoney(1_235_000n, 2)).toBe("1.24"); // 123.5 cents → 124
    expect(formatMoney(-1_235_000n, 2)).toBe("-1.24");
    expect(formatMoney(-4_000n, 2)).toBe("0.00"); // −0.4 cent rounds to zero, no "-0.00"
    expect(formatMoney(4_999_999n, 0)).toBe("5");
    expect(formatMoney(1n, 8)).toBe("0.00000100");
  });
});

describe("roundDiv and formatRational", () => {
  it("rounds half away from zero", () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(roundDiv(5n, -2n)).toBe(-3n);
  });

  it("prints exact decimals up to 9 places without trailing zeros", () => {
    expect(formatRational(31n, 1n)).toBe("31");
    expect(formatRational(3n, 2n)).toBe("1.5");
    expect(formatRational(1n, 3n)).toBe("0.333333333");
    expect(formatRational(2n, 3n)).toBe("0.666666667");
    expect(formatRational(0n, 7n)).toBe("0");
  });
});
