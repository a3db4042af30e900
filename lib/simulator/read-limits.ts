/**
 * ACR's read limits as the simulator enforces them: each registry's data plane answers at most
 * `perWindow[sku]` requests per fixed window (aligned to multiples of `windowMs` since the epoch,
 * real time, not the simulated clock); past it, 429 with `Retry-After` in seconds to the window's
 * end, as ACR throttles past its "ReadOps per minute". Every request to the registry's endpoint
 * counts (token exchanges and 401 challenges too), so a client that budgets every request it
 * sends is never throttled.
 */
import type { SkuName } from "./estate";

export type ReadLimits = {
  /** Requests each SKU answers per window. */
  perWindow: Record<SkuName, number>;
  /** 60,000 as on ACR; tests shorten it. */
  windowMs: number;
};

/** ACR's documented ReadOps per minute. */
export const ACR_READ_LIMITS: ReadLimits = {
  perWindow: { Basic: 1_000, Standard: 3_000, Premium: 10_000 },
  windowMs: 60_000,
};

/** ACR's limits divided by `divisor` (at least 1 request per window), so a small estate reaches them. */
export function scaledReadLimits(divisor: number, windowMs = ACR_READ_LIMITS.windowMs): ReadLimits {
  const per = (n: number) => Math.max(1, Math.floor(n / divisor));
  const { Basic, Standard, Premium } = ACR_READ_LIMITS.perWindow;
  return { perWindow: { Basic: per(Basic), Standard: per(Standard), Premium: per(Premium) }, windowMs };
}

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

export class ReadLimiter {
  private readonly windows = new Map<string, { index: number; used: number }>();

  constructor(private readonly limits: ReadLimits) {}

  /** Counts one request to `registry` now; refused past its SKU's limit for the current window. */
  admit(registry: string, sku: SkuName, nowMs = Date.now()): Admission {
    const index = Math.floor(nowMs / this.limits.windowMs);
    let window = this.windows.get(registry);
    if (!window || window.index !== index) this.windows.set(registry, (window = { index, used: 0 }));
    if (window.used >= this.limits.perWindow[sku]) {
      const msLeft = (index + 1) * this.limits.windowMs - nowMs;
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)) };
    }
    window.used += 1;
    return { admitted: true };
  }
}
