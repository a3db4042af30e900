// Simulated time. The estate's history hangs off a fixed origin, never off "now", so the
// same date always yields the same estate and a later date only appends events.
import { DAY_MS } from "../calendar";

/** Fixed origin of every generated history; histories start ~15 months before it. */
export const ORIGIN_MS = Date.UTC(2025, 5, 1);
export const HISTORY_START_MS = Date.UTC(2024, 2, 1);

export function dayOf(ms: number): number {
  return Math.floor((ms - HISTORY_START_MS) / DAY_MS);
}

export function msOfDay(day: number): number {
  return HISTORY_START_MS + day * DAY_MS;
}

/**
 * ACR prints 7 fractional digits (100 ns ticks). JavaScript keeps milliseconds, so the
 * extra four digits are derived from the millisecond value: stable, and never change
 * the millisecond a client parses.
 */
export function acrTime(d: Date): string {
  let text = printed.get(d);
  if (text === undefined) {
    const iso = d.toISOString(); // 2026-01-02T03:04:05.123Z
    const ticks = String((d.getTime() * 7919) % 10_000).padStart(4, "0");
    printed.set(d, (text = `${iso.slice(0, 23)}${ticks}Z`));
  }
  return text;
}

/** The estate's dates are never changed once laid out: each is printed once (for every listing that shows it). */
const printed = new WeakMap<Date, string>();

/** ARM policy timestamps use an offset instead of Z (as in the official examples). */
export function armOffsetTime(d: Date): string {
  return acrTime(d).replace("Z", "+00:00");
}
