/**
 * A registry's charge over the first days of its month, for comparing a running month with the
 * same days of the one before (lib/costs/compared-days.ts says which days). Read from the kept
 * month itself, never from a second allocation with another `today`: the kept row is one per
 * registry, month and config, and a second coverage would replace it on every other read.
 *
 * The allocation keeps each team's days per cost kind (`dailyByKind`): its exact day shares rounded
 * on the running sum, the last day taking what the line's own rounding left, so a line's days sum
 * exactly to the line. Its days up to `until` are its rounded running total that day, whole micros,
 * within half a micro of its exact share. Those running totals are each rounded on their own, so
 * the teams of a kind can be a micro or two off the registry's figure; given the registry's figure
 * (`registryUntil`: the cost model's daily figures to `until`, which are its exact running total
 * rounded once), the kind's lines are split to sum EXACTLY to it by the remainder rule
 * (remainder.ts), weighted by those running totals, ties in the lines' order (team name). To the
 * month's last day this gives back the lines themselves.
 * A registry served scaled to a bill keeps each kind's ratio of served to estimated (rounded half
 * away from zero); a bill with nothing estimated has no days and counts the calendar's share of
 * the month. Deterministic: the same kept month and day give the same micros on every read.
 */
import { daysInMonth, monthOfDay } from "@/lib/calendar";
import { sumDaysUntil } from "../costs/compared-days";
import { roundDiv } from "../costs/money";
import { fraction } from "../costs/rational";
import { COST_KINDS, type CostKind, type Micros } from "../costs/types";
import type { AllocatedLine, RegistryAllocation } from "./allocate";
import { largestRemainder } from "./remainder";

type Cut = { line: AllocatedLine; micros: Micros };

/** Each line's own days to `until` (no split to the registry's figure yet). */
function ownDays(
  served: readonly AllocatedLine[],
  allocation: Pick<RegistryAllocation, "lines" | "dailyByKind">,
  until: string,
): Cut[] {
  const calendarShare = (micros: Micros) =>
    roundDiv(micros * BigInt(Number(until.slice(8))), BigInt(daysInMonth(monthOfDay(until))));
  return served.map((line) => {
    const estimated = allocation.lines.find((l) => l.team === line.team && l.kind === line.kind)?.micros ?? 0n;
    const days = sumDaysUntil(allocation.dailyByKind.get(line.team)?.get(line.kind) ?? [], until);
    if (estimated === 0n) return { line, micros: calendarShare(line.micros) };
    return { line, micros: line.micros === estimated ? days : roundDiv(line.micros * days, estimated) };
  });
}

/** The kind's cuts split to sum exactly to `target`, weighted by their own days (else by their lines). */
function splitTo(cuts: Cut[], target: Micros): Cut[] {
  const weights = cuts.reduce((s, c) => s + c.micros, 0n);
  const lines = cuts.reduce((s, c) => s + c.line.micros, 0n);
  if (target === 0n) return cuts.map((c) => ({ ...c, micros: 0n }));
  if (target < 0n || cuts.some((c) => c.micros < 0n || c.line.micros < 0n)) return cuts; // credits: own days
  const [weightOf, base] = weights > 0n ? [(c: Cut) => c.micros, weights] : [(c: Cut) => c.line.micros, lines];
  if (base === 0n) return cuts;
  const split = largestRemainder(
    target,
    cuts.map((c, key) => ({ key, share: fraction(weightOf(c) * target, base) })),
  );
  return split.map(({ key, micros }) => ({ ...cuts[key], micros }));
}

/**
 * The served lines cut to the days up to `until` (lines with nothing left out). With
 * `registryUntil`, each kind's lines sum exactly to the registry's figure of that kind to `until`.
 */
export function linesUntil(
  served: readonly AllocatedLine[],
  allocation: Pick<RegistryAllocation, "lines" | "dailyByKind">,
  until: string,
  registryUntil?: Record<CostKind, Micros>,
): AllocatedLine[] {
  const cuts = ownDays(served, allocation, until);
  const exact = new Map<AllocatedLine, Micros>();
  for (const kind of COST_KINDS) {
    const own = cuts.filter((c) => c.line.kind === kind);
    const estimated = allocation.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.micros, 0n);
    if (registryUntil === undefined || own.length === 0 || estimated === 0n) continue;
    const servedMicros = own.reduce((s, c) => s + c.line.micros, 0n);
    const target =
      servedMicros === estimated ? registryUntil[kind] : roundDiv(registryUntil[kind] * servedMicros, estimated);
    for (const cut of splitTo(own, target)) exact.set(cut.line, cut.micros);
  }
  return cuts.flatMap(({ line, micros }) => {
    const cut = exact.get(line) ?? micros;
    return cut === 0n ? [] : [{ ...line, micros: cut }];
  });
}
