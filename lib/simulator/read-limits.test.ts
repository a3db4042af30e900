import { describe, expect, it } from "vitest";
import { ACR_READ_LIMITS, ReadLimiter, scaledReadLimits } from "./read-limits";

describe("ReadLimiter", () => {
  const limits = { perWindow: { Basic: 2, Standard: 3, Premium: 5 }, windowMs: 60_000 };

  it("answers each registry's SKU limit per fixed window, then refuses with the seconds to the window's end", () => {
    const limiter = new ReadLimiter(limits);
    const t = 120_000 + 15_500; // 15.5 s into a window
    expect(limiter.admit("a", "Basic", t)).toEqual({ admitted: true });
    expect(limiter.admit("a", "Basic", t)).toEqual({ admitted: true });
    expect(limiter.admit("a", "Basic", t)).toEqual({ admitted: false, retryAfterSeconds: 45 });
    // Refusals are not counted: the next window starts afresh, and another registry has its own.
    expect(limiter.admit("b", "Basic", t)).toEqual({ admitted: true });
    expect(limiter.admit("a", "Basic", 180_000)).toEqual({ admitted: true });
  });

  it("gives at least one second of Retry-After, and each SKU its own limit", () => {
    const limiter = new ReadLimiter(limits);
    for (let i = 0; i < 5; i++) expect(limiter.admit("p", "Premium", 59_999).admitted).toBe(true);
    expect(limiter.admit("p", "Premium", 59_999)).toEqual({ admitted: false, retryAfterSeconds: 1 });
  });

  it("scales ACR's documented limits down, never below one request", () => {
    expect(ACR_READ_LIMITS.perWindow).toEqual({ Basic: 1000, Standard: 3000, Premium: 10000 });
    expect(scaledReadLimits(100, 2000)).toEqual({
      perWindow: { Basic: 10, Standard: 30, Premium: 100 },
      windowMs: 2000,
    });
    expect(scaledReadLimits(1e6).perWindow.Basic).toBe(1);
  });
});
