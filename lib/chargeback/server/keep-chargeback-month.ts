/**
 * After a registry's sync write: its chargeback month kept for what the pages show first (this
 * month and the previous one, which the review compares with, under the rules in force today), so
 * the first view after a sync reads it. A month whose inputs did not change is left as kept. Then
 * every registry's rows that no view can read any more are deleted (prune-kept-months.ts).
 * No "server-only" guard: the sync calls it from its CLI and workers.
 */
import { currentUtcDay, monthOfDay, shiftMonth } from "@/lib/calendar";
import { pruneKeptMonths } from "./prune-kept-months";
import { readChargebackMonth } from "./read-chargeback-month";
import { resolveMonthConfig } from "./resolve-config";

/** `today` pins the clock (benches replaying a past day); the sync keeps today's. */
export async function keepRegistryChargebackMonth(registryId: number, today = currentUtcDay()): Promise<void> {
  const month = monthOfDay(today);
  const { config } = await resolveMonthConfig(undefined, { month, today });
  for (const m of [month, shiftMonth(month, -1)])
    await readChargebackMonth({ month: m, today }, config, { keep: true, registryIds: [registryId] });
  await pruneKeptMonths(today);
}
