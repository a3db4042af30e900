import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatDateTime,
  formatDayRange,
  formatDuration,
  formatExactBytes,
  formatMoneyDisplay,
  formatMoneyExact,
  formatShortDay,
  formatShortDigest,
  groupDecimal,
} from "./format";

describe("formatBytes", () => {
  it("uses binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1.00 KiB");
    expect(formatBytes(2 ** 30 * 1.5)).toBe("1.50 GiB");
    expect(formatBytes(2 ** 40 * 123)).toBe("123 TiB");
  });

  it("keeps the sign of a negative gap", () => {
    expect(formatBytes(-(2 ** 20) * 12.5)).toBe("-12.5 MiB");
  });
});

describe("formatExactBytes", () => {
  it("prints every byte", () => {
    expect(formatExactBytes(1523456789)).toBe("1,523,456,789 bytes");
  });
});

describe("formatDateTime", () => {
  it("prints UTC to the minute", () => {
    expect(formatDateTime("2026-11-28T17:02:59.123Z")).toBe("2026-11-28 17:02 UTC");
    expect(formatDateTime(null)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("scales its unit", () => {
    expect(formatDuration(4200)).toBe("4.2 s");
    expect(formatDuration(185_000)).toBe("3 min 05 s");
    expect(formatDuration(3_720_000)).toBe("1 h 02 min");
  });
});

describe("money", () => {
  it("groups thousands without touching the digits", () => {
    expect(groupDecimal("1234567.891")).toBe("1,234,567.891");
    expect(groupDecimal("-1000")).toBe("-1,000");
    expect(groupDecimal("999.99")).toBe("999.99");
  });

  it("shows 2 decimals rounded half away from zero, and the exact 6-decimal value", () => {
    expect(formatMoneyDisplay("1234567895", "USD")).toBe("USD 1,234.57");
    expect(formatMoneyDisplay(-5000n, "EUR")).toBe("EUR -0.01");
    expect(formatMoneyExact("1234567895")).toBe("1234.567895");
    expect(formatMoneyExact(0n)).toBe("0.000000");
  });
});

describe("formatShortDay", () => {
  it("prints a UTC day as day and month", () => {
    expect(formatShortDay("2026-11-28")).toBe("28 Nov");
    expect(formatShortDay("2026-01-05")).toBe("5 Jan");
  });

  it("quotes a digest by its first 12 hex characters", () => {
    expect(formatShortDigest(`sha256:${"0123456789abcdef".repeat(4)}`)).toBe("0123456789ab");
    expect(formatShortDigest("0123456789abcdef")).toBe("0123456789ab");
  });
});

describe("formatDayRange", () => {
  it("says a month's days as a reader does, one day without a range", () => {
    expect(formatDayRange("2026-12-01", "2026-12-05")).toBe("Dec 1–5");
    expect(formatDayRange("2026-11-01", "2026-11-30")).toBe("Nov 1–30");
    expect(formatDayRange("2027-01-01", "2027-01-01")).toBe("Jan 1");
  });
});
