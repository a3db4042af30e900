/**
 * Money is bigint micro-units (types.ts). These helpers are the only place a decimal string and
 * micros meet, and the only rounding rule of the cost model: half away from zero, applied once
 * to an exact rational (never to a sum of already-rounded parts).
 */
import type { Micros } from "./types";

export const MICROS_PER_UNIT = 1_000_000n;
const MONEY_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "0.1666" → 166600n. At most 6 decimals: a price finer than a micro-unit cannot be held exactly. */
export function parseMoney(decimal: string): Micros {
  const match = MONEY_PATTERN.exec(decimal.trim());
  if (!match) throw new Error(`"${decimal}" is not a decimal amount such as "0.1666"`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > 6) throw new Error(`"${decimal}" has more than 6 decimals (prices are held in micro-units)`);
  const micros = BigInt(whole) * MICROS_PER_UNIT + BigInt(fraction.padEnd(6, "0"));
  return sign ? -micros : micros;
}

/** 4998000n → "4.998000"; with fewer than 6 decimals the micros are rounded half away from zero. */
export function formatMoney(micros: Micros, decimals = 6): string {
  if (!Number.isInteger(decimals) || decimals < 0)
    throw new Error(`decimals must be a whole number ≥ 0, got ${decimals}`);
  if (decimals >= 6) return formatScaled(micros * 10n ** BigInt(decimals - 6), decimals);
  return formatScaled(roundDiv(micros, 10n ** BigInt(6 - decimals)), decimals);
}

/** An integer `scaled` holding `decimals` decimal places, as a fixed-point string. */
function formatScaled(scaled: bigint, decimals: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? "-" : ""}${whole}${decimals > 0 ? `.${fraction}` : ""}`;
}

/** numerator / denominator rounded half away from zero. */
export function roundDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new Error("division by zero");
  if (denominator < 0n) return roundDiv(-numerator, -denominator);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

/**
 * An exact rational as a decimal string with at most `maxDecimals` places and no trailing zeros:
 * exact when the fraction terminates within them, else rounded half away from zero (1/3 → "0.333333333").
 */
export function formatRational(numerator: bigint, denominator: bigint, maxDecimals = 9): string {
  const scaled = roundDiv(numerator * 10n ** BigInt(maxDecimals), denominator);
  const text = formatScaled(scaled, maxDecimals);
  return maxDecimals === 0 ? text : text.replace(/\.?0+$/, "");
}
