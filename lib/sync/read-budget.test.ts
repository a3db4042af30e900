import { describe, expect, it } from "vitest";
import {
  ACR_READS_PER_MINUTE,
  batchSize,
  budgetPerWindow,
  grant,
  msUntilNextWindow,
  retryAfterSeconds,
  toAcrSku,
  windowIndex,
  windowStartMs,
} from "./read-budget";

const settings = { perWindow: ACR_READS_PER_MINUTE, fraction: 0.9, windowMs: 60_000 };

describe("read budget", () => {
  it("fixes windows at multiples of their length since the epoch", () => {
    expect(windowIndex(119_999, 60_000)).toBe(1);
    expect(windowIndex(120_000, 60_000)).toBe(2);
    expect(windowStartMs(2, 60_000)).toBe(120_000);
    expect(msUntilNextWindow(135_500, 60_000)).toBe(44_500);
    expect(retryAfterSeconds(135_500, 60_000)).toBe(45);
    expect(retryAfterSeconds(179_999, 60_000)).toBe(1);
  });

  it("budgets ACR's ReadOps per minute by SKU times the fraction, unknown SKUs as Basic", () => {
    expect(budgetPerWindow("Premium", settings)).toBe(9_000);
    expect(budgetPerWindow("standard", settings)).toBe(2_700);
    expect(budgetPerWindow("Basic", settings)).toBe(900);
    expect(toAcrSku("Classic")).toBe("Basic");
    expect(budgetPerWindow("Basic", { ...settings, fraction: 0.0001 })).toBe(1);
  });

  it("takes batches of a twentieth of the budget, 1 to 50", () => {
    expect(batchSize(9_000)).toBe(50);
    expect(batchSize(900)).toBe(45);
    expect(batchSize(10)).toBe(1);
  });

  it("grants what is asked, what is left, or nothing", () => {
    expect(grant(0, 50, 900)).toBe(50);
    expect(grant(880, 50, 900)).toBe(20);
    expect(grant(900, 50, 900)).toBe(0);
    expect(grant(950, 50, 900)).toBe(0);
  });
});
