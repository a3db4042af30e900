/**
 * kept_chargeback_months has a row per registry, month and config, yet a month is read under three
 * configs at most: the rules in force at its end (resolveMonthConfig's default; the running month's
 * are today's), those at the next month's end (whose review compares with it), and today's
 * (`rules: "current"`, a team's page, the forecast). A past month's rules at its end never change
 * and today's only move on, so a row of any other config is never read again (rules saved again
 * word for word are allocated afresh): each keep deletes such rows, and at most three rows per
 * registry and month remain. Months stay, removed registries' too: any past month can be asked
 * for, and it shows a removed registry's cost for the days it existed.
 * The delete removes only rows no reader can use, so it needs no transaction with the keep.
 * No "server-only" guard: the sync prunes from its CLI and workers too.
 */
import { shiftMonth } from "@/lib/calendar";
import { configHashOf } from "./read-chargeback-month";
import { dropKeptMonthsExcept, listKeptMonthsHeld } from "./kept-months-store";
import { resolveMonthConfig } from "./resolve-config";

/** `today` as the keep's (benches replaying a past day). Returns how many rows went. */
export async function pruneKeptMonths(today: string): Promise<number> {
  const { months, listedAt } = await listKeptMonthsHeld();
  if (months.length === 0) return 0;
  const current = await resolveMonthConfig(undefined, { month: months[0], today, rules: "current" });
  const atEnd = new Map<string, string>();
  for (const month of new Set(months.flatMap((m) => [m, shiftMonth(m, 1)])))
    atEnd.set(month, configHashOf((await resolveMonthConfig(undefined, { month, today })).config));
  const readable = new Map(
    months.map((m) => [m, [...new Set([configHashOf(current.config), atEnd.get(m)!, atEnd.get(shiftMonth(m, 1))!])]]),
  );
  return dropKeptMonthsExcept(readable, listedAt);
}
