import { describe, expect, it } from "vitest";
import { compareCodePoints } from "./compare";

describe("compareCodePoints", () => {
  it("orders by code unit, not by locale: upper case before lower, accents after z", () => {
    expect(["b", "a", "B", "é", "z", "A"].sort(compareCodePoints)).toEqual(["A", "B", "a", "b", "z", "é"]);
  });

  it("is a three-way comparison with 0 for equal strings and a prefix first", () => {
    expect(compareCodePoints("team", "team")).toBe(0);
    expect(compareCodePoints("team", "team-a")).toBe(-1);
    expect(compareCodePoints("team-a", "team")).toBe(1);
  });
});
