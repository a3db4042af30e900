/**
 * After a registry's sync write: its chargeback months kept for what the pages show first, so the
 * first view after a sync reads them: the review's default month (the last complete one, under the
 * rules in force at its end) and the month before it, which it compares with; under today's rules,
 * the running month (its review, the forecast, the budgets) and the six a team's page charts ending
 * with it (team-trend.ts). A month whose inputs did not change is left as kept: a complete month's
 * inputs rarely move, so after the first keep of each, a sync checks their keys and allocates
 * nothing. Then every registry's rows that no view can read any more are deleted
 * (prune-kept-months.ts).
 * No "server-only" guard: the sync calls it from its CLI and workers.
 */
import { currentUtcDay, lastCompleteMonth, monthOfDay, shiftMonth } from "@/lib/calendar";
import { teamTrendMonths } from "@/lib/chargeback/team-trend";
import { pruneKeptMonths } from "./prune-kept-months";
import { configHashOf, readChargebackMonth } from "./read-chargeback-month";
import { resolveMonthConfig } from "./resolve-config";

/** `today` pins the clock (benches replaying a past day); the sync keeps today's. */
export async function keepRegistryChargebackMonth(registryId: number, today = currentUtcDay()): Promise<void> {
  const month = monthOfDay(today);
  const lastComplete = lastCompleteMonth(today);
  const [running, atItsEnd] = await Promise.all([
    resolveMonthConfig(undefined, { month, today }),
    resolveMonthConfig(undefined, { month: lastComplete, today }),
  ]);
  // Newest first: what the first views read most, before the trend's older months.
  const keeps = [
    { month, config: running.config },
    { month: lastComplete, config: running.config },
    { month: lastComplete, config: atItsEnd.config },
    { month: shiftMonth(lastComplete, -1), config: atItsEnd.config },
    ...teamTrendMonths(month)
      .reverse()
      .map((m) => ({ month: m, config: running.config })),
  ];
  const done = new Set<string>();
  for (const keep of keeps) {
    const id = `${keep.month}/${configHashOf(keep.config)}`;
    if (done.has(id)) continue; // the same rules when none were saved since the month ended
    done.add(id);
    await readChargebackMonth({ month: keep.month, today }, keep.config, { keep: true, registryIds: [registryId] });
  }
  await pruneKeptMonths(today);
}
