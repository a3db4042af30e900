/**
 * The one remainder rule of chargeback, so that the parts of a cost add up EXACTLY to it:
 * largest remainder on micros. Each part gets the whole micros of its exact rational share; the
 * micros left over (total − Σ whole parts) go one each to the parts with the largest fractional
 * remainders; equal remainders go in the order the parts are given (callers give them sorted by
 * team name, then cost kind, then repository name, by code point), cycling if a total asks for
 * more than one round. Deterministic, and each part is within one micro of its exact share when
 * the exact shares sum to the total.
 */
import { compare, wholeAndRest, type Fraction } from "../costs/rational";
import type { Micros } from "../costs/types";

export type Share<K> = { key: K; share: Fraction };

export function largestRemainder<K>(total: Micros, shares: readonly Share<K>[]): { key: K; micros: Micros }[] {
  if (shares.length === 0) {
    if (total !== 0n) throw new Error(`no part to take ${total} micros`);
    return [];
  }
  const parts = shares.map((s, index) => ({ key: s.key, index, ...wholeAndRest(s.share) }));
  let leftOver = total - parts.reduce((sum, p) => sum + p.whole, 0n);
  if (leftOver < 0n) throw new Error(`the exact shares exceed the total ${total} by more than their remainders`);
  const micros = parts.map((p) => p.whole);
  const order = [...parts].sort((a, b) => compare(b.rest, a.rest) || a.index - b.index);
  while (leftOver > 0n) {
    for (const part of order) {
      if (leftOver === 0n) break;
      micros[part.index] += 1n;
      leftOver -= 1n;
    }
  }
  return parts.map((p) => ({ key: p.key, micros: micros[p.index] }));
}
