/**
 * ACR's read limits as a budget: each registry may receive at most `perWindow[sku] × fraction`
 * data-plane requests per fixed window (a minute in production: ACR documents "ReadOps per
 * minute" per SKU). Windows are fixed, aligned to multiples of `windowMs` since the epoch, so
 * every worker on every machine (clocks kept by NTP) agrees which window a request belongs to.
 */

export type AcrSku = "Basic" | "Standard" | "Premium";

/** ReadOps per minute per SKU, as ACR documents them. */
export const ACR_READS_PER_MINUTE: Record<AcrSku, number> = { Basic: 1_000, Standard: 3_000, Premium: 10_000 };

/** The share of a registry's limit a sync may use: the rest stays for the registry's other readers (pulls). */
export const DEFAULT_READ_BUDGET_FRACTION = 0.9;

export type ReadBudgetSettings = {
  /** Requests each SKU accepts per window. */
  perWindow: Record<AcrSku, number>;
  /** 0 < fraction ≤ 1. */
  fraction: number;
  /** 60,000 against ACR; tests shorten it. */
  windowMs: number;
};

/** Tokens taken from the shared budget per database round trip, at most. */
const MAX_BATCH = 50;

export function windowIndex(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs);
}

export function windowStartMs(index: number, windowMs: number): number {
  return index * windowMs;
}

/** How long until the window holding `nowMs` ends. */
export function msUntilNextWindow(nowMs: number, windowMs: number): number {
  return windowStartMs(windowIndex(nowMs, windowMs) + 1, windowMs) - nowMs;
}

/** A registry's SKU as ARM names it; anything else (Classic, a new tier) is held to Basic's limit. */
export function toAcrSku(skuName: string): AcrSku {
  const known = (["Basic", "Standard", "Premium"] as const).find((s) => s.toLowerCase() === skuName.toLowerCase());
  return known ?? "Basic";
}

/** Requests one registry may receive per window from all of our workers together (at least 1). */
export function budgetPerWindow(skuName: string, settings: ReadBudgetSettings): number {
  return Math.max(1, Math.floor(settings.perWindow[toAcrSku(skuName)] * settings.fraction));
}

/**
 * Tokens to ask for per round trip: a twentieth of the budget, 1 to 50. Small enough that several
 * workers share a window fairly (tokens a worker took but did not use are lost with their window),
 * large enough that the database is asked once per tens of requests.
 */
export function batchSize(budget: number): number {
  return Math.min(MAX_BATCH, Math.max(1, Math.floor(budget / 20)));
}

/**
 * What a take of `want` tokens from a window of which `used` are gone grants: all of them, what is
 * left, or none. The database applies the same rule in one atomic statement (read-meter.ts).
 */
export function grant(used: number, want: number, budget: number): number {
  return Math.max(0, Math.min(want, budget - used));
}

/** Seconds a client is told to wait (Retry-After) when the window is spent: to its end, at least 1. */
export function retryAfterSeconds(nowMs: number, windowMs: number): number {
  return Math.max(1, Math.ceil(msUntilNextWindow(nowMs, windowMs) / 1000));
}
