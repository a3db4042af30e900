import { describe, expect, it } from "vitest";
import {
  addDays,
  coveredUntil,
  currentUtcDay,
  DAY_MS,
  dayFromNumber,
  dayNumber,
  dayStart,
  daysBetween,
  daysInMonth,
  firstDayOf,
  isoDay,
  isoMonth,
  lastCompleteMonth,
  lastDayOf,
  monthOfDay,
  shiftMonth,
} from "./calendar";

describe("calendar", () => {
  it("has 24-hour days", () => {
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
  });

  it("knows 28, 29, 30 and 31-day months", () => {
    expect(daysInMonth("2026-02")).toBe(28);
    expect(daysInMonth("2028-02")).toBe(29);
    expect(daysInMonth("2026-04")).toBe(30);
    expect(daysInMonth("2026-12")).toBe(31);
    expect(lastDayOf("2026-02")).toBe("2026-02-28");
    expect(lastDayOf("2028-02")).toBe("2028-02-29");
    expect(firstDayOf("2026-02")).toBe("2026-02-01");
  });

  it("rejects malformed months and days", () => {
    expect(() => daysInMonth("2026-13")).toThrow(/not a month/);
    expect(() => firstDayOf("2026-1")).toThrow(/not a month/);
    expect(() => dayNumber("2026-02-30")).toThrow(/not a calendar day/);
  });

  it("counts days across month ends", () => {
    expect(daysBetween("2026-02-27", "2026-03-02")).toBe(3);
    expect(dayFromNumber(dayNumber("2026-02-27") + 2)).toBe("2026-03-01");
  });

  it("takes the UTC day and month of an instant, whatever the local zone", () => {
    const lateOnNewYearsEve = new Date("2026-12-31T23:59:59.999Z");
    expect(isoDay(lateOnNewYearsEve)).toBe("2026-12-31");
    expect(isoDay(lateOnNewYearsEve.getTime() + 1)).toBe("2027-01-01");
    expect(isoMonth(lateOnNewYearsEve)).toBe("2026-12");
    expect(isoMonth(Date.UTC(2027, 0, 1))).toBe("2027-01");
    expect(monthOfDay("2026-02-17")).toBe("2026-02");
    expect(currentUtcDay(new Date("2026-03-04T05:06:07Z"))).toBe("2026-03-04");
    expect(currentUtcDay()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("starts a day at midnight UTC and steps whole days across month and year ends", () => {
    expect(dayStart("2026-03-01").toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(Number.isNaN(dayStart("not a day").getTime())).toBe(true);
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2026-06-15", -89)).toBe("2026-03-18");
  });

  it("shifts months across year ends", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-03", -14)).toBe("2025-01");
  });

  it("names the last complete month: the one before today's, across a year end", () => {
    expect(lastCompleteMonth("2026-12-05")).toBe("2026-11");
    expect(lastCompleteMonth("2026-12-01")).toBe("2026-11");
    expect(lastCompleteMonth("2026-11-30")).toBe("2026-10");
    expect(lastCompleteMonth("2027-01-01")).toBe("2026-12");
  });

  it("covers a month up to today while it runs, and to its last day once over", () => {
    expect(coveredUntil("2026-02", "2026-02-16")).toBe("2026-02-16");
    expect(coveredUntil("2026-02", "2026-02-28")).toBe("2026-02-28");
    expect(coveredUntil("2026-02", "2026-05-01")).toBe("2026-02-28");
  });
});
