/**
 * Scaling a registry's allocated lines to its billed amount ("reconcile with the bill"):
 * each line's exact share is line × billed / estimated, rounded with the chargeback remainder
 * rule (remainder.ts; ties in the lines' order: team name, then cost kind), so the scaled lines
 * sum EXACTLY to the billed amount. With nothing estimated, a billed amount has no line to follow
 * and becomes one unallocated `unit` line (method "billed"). A negative bill (a credit) scales the
 * same way with the sign carried.
 */
import { fraction } from "../costs/rational";
import type { Micros } from "../costs/types";
import type { AllocatedLine } from "./allocate";
import { UNALLOCATED } from "./config";
import { largestRemainder } from "./remainder";

export function scaleLines(lines: readonly AllocatedLine[], billed: Micros): AllocatedLine[] {
  const estimated = lines.reduce((sum, line) => sum + line.micros, 0n);
  if (estimated === 0n)
    return billed === 0n ? [] : [{ team: UNALLOCATED, kind: "unit", method: "billed", micros: billed }];
  const sign = billed < 0n !== estimated < 0n ? -1n : 1n;
  const magnitude = billed < 0n ? -billed : billed;
  const base = estimated < 0n ? -estimated : estimated;
  const shares = lines.map((line, index) => ({
    key: index,
    share: fraction((line.micros < 0n ? -line.micros : line.micros) * magnitude, base),
  }));
  if (lines.some((line) => line.micros < 0n)) throw new Error("cannot scale negative allocated lines");
  return largestRemainder(magnitude, shares).map(({ key, micros }) => ({ ...lines[key], micros: sign * micros }));
}
