/**
 * Each registry-month's team lines sum to its cost: for every month with snapshots, the chargeback
 * the pages and exports serve (allocateMonth, with the stored ownership config) is summed per
 * registry and cost kind, "unallocated" included, and compared with the cost model's line for that
 * registry and kind. Integer micro-units throughout: the sums are exact, so any difference counts.
 */
import type { PoolClient } from "pg";
import { COST_KINDS } from "@/lib/costs/types";
import { formatMoney } from "@/lib/costs/money";
import { allocateMonth } from "@/lib/chargeback/server/allocate-month";
import { resolveChargebackConfig } from "@/lib/chargeback/server/resolve-config";
import { currentUtcDay } from "@/lib/calendar";
import type { FoundViolation } from "../violations";

export async function checkChargeback(client: PoolClient): Promise<FoundViolation[]> {
  const { rows } = await client.query<{ month: string; last_day: string }>(
    `SELECT to_char(day, 'YYYY-MM') AS month, to_char(max(day), 'YYYY-MM-DD') AS last_day
     FROM registry_snapshots GROUP BY 1 ORDER BY 1`,
  );
  if (rows.length === 0) return [];
  // Every month as far as its snapshots reach: "today" is never before the last snapshot day.
  const lastDay = rows
    .map((r) => r.last_day)
    .sort()
    .at(-1)!;
  const today = currentUtcDay() > lastDay ? currentUtcDay() : lastDay;
  const { config } = await resolveChargebackConfig(undefined);
  const violations: FoundViolation[] = [];
  for (const { month } of rows) {
    const data = await allocateMonth({ month, today }, config);
    for (const registry of data.registries) {
      for (const kind of COST_KINDS) {
        const cost = registry.record.cost.lines.find((l) => l.kind === kind)?.cost ?? 0n;
        const lines = registry.allocation.lines.filter((l) => l.kind === kind);
        const sum = lines.reduce((total, l) => total + l.micros, 0n);
        if (sum === cost) continue;
        violations.push({
          check: "chargeback",
          registryId: registry.record.registryId,
          registry: registry.record.name,
          month,
          message: `${kind}: ${lines.length} team lines sum to ${formatMoney(sum)}, the cost model's line is ${formatMoney(cost)} ${data.pricing.currency}`,
          affects: `the ${month} chargeback of ${registry.record.name} (team lines, totals and the FOCUS export)`,
        });
      }
    }
  }
  return violations;
}
