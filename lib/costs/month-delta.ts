/**
 * A month against the previous one: the change of an amount and which entries moved most. The
 * cost comparison (registries) and the chargeback review (teams) rank their movers with this one
 * rule, so the two pages order ties the same way on every machine.
 */
import { compareCodePoints } from "@/lib/compare";
import type { MicrosString } from "./cost-views";
import type { Micros } from "./types";

export type MonthDelta = { currentMicros: MicrosString; previousMicros: MicrosString; deltaMicros: MicrosString };

/** deltaMicros = current − previous: positive when the month cost more than the one before. */
export function monthDelta(current: Micros, previous: Micros): MonthDelta {
  return {
    currentMicros: current.toString(),
    previousMicros: previous.toString(),
    deltaMicros: (current - previous).toString(),
  };
}

const abs = (value: Micros) => (value < 0n ? -value : value);

/**
 * The `limit` entries whose amount moved most, either way: unchanged ones left out, the largest
 * absolute change first, equal changes by name in code-point order (never locale order).
 */
export function rankMovers<T>(
  entries: readonly T[],
  limit: number,
  changeOf: (entry: T) => Micros,
  nameOf: (entry: T) => string,
): T[] {
  return entries
    .filter((entry) => changeOf(entry) !== 0n)
    .sort((a, b) => {
      const diff = abs(changeOf(b)) - abs(changeOf(a));
      return diff === 0n ? compareCodePoints(nameOf(a), nameOf(b)) : diff > 0n ? 1 : -1;
    })
    .slice(0, limit);
}
