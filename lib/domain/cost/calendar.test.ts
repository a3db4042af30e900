import { describe, expect, it } from "vitest";
import { dayNumber, daysBetween, daysInMonth, lastDayOf } from "./calendar";

describe("calendar", () => {
  it("knows 28, 29, 30 and 31-day months", () => {
    expect(daysInMonth("2026-02")).toBe(28);
    expect(daysInMonth("2028-02")).toBe(29);
    expect(daysInMonth("2026-04")).toBe(30);
    expect(daysInMonth("2026-12")).toBe(31);
    expect(lastDayOf("2026-02")).toBe("2026-02-28");
  });

  it("rejects malformed months and days", () => {
    expect(() => daysInMonth("2026-13")).toThrow(/not a month/);
    expect(() => dayNumber("2026-02-30")).toThrow(/not a calendar day/);
  });

  it("counts days across month ends", () => {
    expect(daysBetween("2026-02-27", "2026-03-02")).toBe(3);
  });
});
