/**
 * The two knobs of image-size trends and the size gate, parsed the same way from a CLI flag,
 * a query parameter and a report option:
 *
 * - max growth: a percentage with at most 2 decimals, "10%" or "10" (a bare number is percent).
 *   A bare number below 1 other than 0 ("0.1") is refused as ambiguous: write "10%" for a tenth
 *   or "0.1%" for a thousandth. Held exactly in hundredths of a percent (10% = 1000).
 * - baseline: "median:N" (the median of the previous N images, 1-100), "median" (= median:5)
 *   or "previous" (the image just before).
 */
import { LedgerError } from "@/lib/errors";

export type Baseline = { kind: "median"; count: number } | { kind: "previous" };

/** A growth threshold in hundredths of a percent: 1000 = 10 %. */
export type MaxGrowth = { hundredthsPct: bigint };

export const DEFAULT_MAX_GROWTH: MaxGrowth = { hundredthsPct: 1000n };
export const DEFAULT_BASELINE: Baseline = { kind: "median", count: 5 };
const MAX_MEDIAN_COUNT = 100;
const MAX_PERCENT = 100_000n;

const GROWTH_PATTERN = /^(\d+)(?:\.(\d{1,2}))?(%?)$/;

export function parseMaxGrowth(text: string): MaxGrowth {
  const value = text.trim();
  const match = GROWTH_PATTERN.exec(value);
  const expected = `expected a percentage such as "10%" or "10" (at most 2 decimals), got "${text}"`;
  if (!match) throw new LedgerError("validation", `max growth: ${expected}`);
  const [, whole, fraction = "", percentSign] = match;
  const hundredthsPct = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  if (!percentSign && hundredthsPct > 0n && hundredthsPct < 100n) {
    throw new LedgerError(
      "validation",
      `max growth: "${text}" is ambiguous; write "${hundredthsPct}%" for a share or "${value}%" for a percentage`,
    );
  }
  if (hundredthsPct > MAX_PERCENT * 100n)
    throw new LedgerError("validation", `max growth: at most ${MAX_PERCENT}%, got "${text}"`);
  return { hundredthsPct };
}

export function parseBaseline(text: string): Baseline {
  const value = text.trim().toLowerCase();
  if (value === "previous") return { kind: "previous" };
  if (value === "median") return DEFAULT_BASELINE;
  const match = /^median:(\d{1,3})$/.exec(value);
  const count = match ? Number(match[1]) : NaN;
  if (!match || count < 1 || count > MAX_MEDIAN_COUNT) {
    throw new LedgerError(
      "validation",
      `baseline: expected "median:N" (N from 1 to ${MAX_MEDIAN_COUNT}), "median" or "previous", got "${text}"`,
    );
  }
  return { kind: "median", count };
}

/** "10%", "12.5%": the threshold as people write it. */
export function formatMaxGrowth(maxGrowth: MaxGrowth): string {
  return `${formatHundredths(maxGrowth.hundredthsPct)}%`;
}

export function formatBaseline(baseline: Baseline): string {
  return baseline.kind === "previous" ? "previous" : `median:${baseline.count}`;
}

/** 2977n → "29.77", -5n → "-0.05", 1000n → "10" (trailing zeros of the fraction dropped). */
export function formatHundredths(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const fraction = (abs % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${abs / 100n}${fraction ? `.${fraction}` : ""}`;
}
