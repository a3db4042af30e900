/**
 * The one loader behind every chargeback view (page, team page, CSV): the cost model's month per
 * registry (loadRegistryMonthCosts, the same micros the costs report shows, with the task runs it
 * counted and their output images), the repositories' daily attributed bytes and the imported billed
 * amounts, then allocateRegistryMonth per registry (lib/chargeback/allocate.ts) and, when
 * asked, scaleLines to the billed amount. Internal (bigint) shapes; views convert at their edge.
 * Registries without a billed amount (or billed in another currency than the pricing's) keep their
 * estimate even when scaling.
 */
import "server-only";
import { getDb } from "@/lib/db";
import { allocateRegistryMonth, type AllocatedLine, type RegistryAllocation } from "@/lib/chargeback/allocate";
import type { ChargebackConfig } from "@/lib/chargeback/config";
import { toRegistryTags } from "@/lib/chargeback/ownership";
import { scaleLines } from "@/lib/chargeback/scale";
import { billableUsageByRun } from "@/lib/chargeback/task-usage-by-run";
import { pricesFor } from "@/lib/costs/pricing";
import type { Micros, Pricing } from "@/lib/costs/types";
import { coveredUntil, dayStart, firstDayOf } from "@/lib/calendar";
import type { CostMonth } from "../../costs/cost-params";
import {
  groupBy,
  loadRegistryMonthCosts,
  type RegistryMonthCostRecord,
} from "../../costs/server/load-registry-month-costs";

export type RegistryChargeback = {
  record: RegistryMonthCostRecord;
  /** Lower-cased ARM id, the FOCUS ResourceId. */
  armId: string;
  tags: Record<string, string>;
  allocation: RegistryAllocation;
  /** Σ of the allocated lines = the registry's cost-model total for the month. */
  estimatedMicros: Micros;
  /** From the imported FOCUS file for the month; null when none matched this registry. */
  billedMicros: Micros | null;
  /** The bill's currency; a bill in another currency than the pricing's is shown but never scaled to. */
  billedCurrency: string | null;
  /** The lines served: scaled to the bill when asked and billed, else the allocation's. */
  lines: AllocatedLine[];
  scaled: boolean;
};

export type ChargebackMonthData = {
  month: string;
  pricing: Pricing;
  registries: RegistryChargeback[];
  billedImported: boolean;
};

type RepositoryDayRow = { registry_id: number; repository_name: string; day: string; attributed_bytes: bigint };

async function readRepositoryDays(ids: number[], from: string, until: string): Promise<RepositoryDayRow[]> {
  const db = await getDb();
  return db.$queryRaw<RepositoryDayRow[]>`
    WITH carried AS (
      SELECT registry_id, max(day) AS day FROM registry_snapshots
      WHERE registry_id = ANY(${ids}::int[]) AND day < ${from}::date GROUP BY registry_id)
    SELECT s.registry_id, s.repository_name, to_char(s.day, 'YYYY-MM-DD') AS day, s.attributed_bytes
    FROM repository_snapshots s
    WHERE s.registry_id = ANY(${ids}::int[])
      AND (s.day BETWEEN ${from}::date AND ${until}::date OR (s.registry_id, s.day) IN (SELECT registry_id, day FROM carried))`;
}

/** The repository a run pushed to this registry: the first output image on its login server, else the first output image's. */
function outputRepository(images: unknown, loginServer: string): string | null {
  if (!Array.isArray(images)) return null;
  const refs = images.filter(
    (i): i is { registry?: unknown; repository: string } =>
      typeof i === "object" && i !== null && typeof (i as { repository?: unknown }).repository === "string",
  );
  const own = refs.find(
    (i) => typeof i.registry === "string" && i.registry.toLowerCase() === loginServer.toLowerCase(),
  );
  return (own ?? refs[0])?.repository ?? null;
}

export async function readBilled(month: string): Promise<Map<string, { micros: Micros; currency: string }>> {
  const db = await getDb();
  const rows = await db.billedCost.findMany({ where: { month: dayStart(firstDayOf(month)) } });
  return new Map(rows.map((r) => [r.resourceId.toLowerCase(), { micros: r.billedMicros, currency: r.currency }]));
}

export async function allocateMonth(
  params: CostMonth,
  config: ChargebackConfig,
  options: { scaleToBilled?: boolean } = {},
): Promise<ChargebackMonthData> {
  const { month, today } = params;
  const { pricing, registries } = await loadRegistryMonthCosts(params);
  const ids = registries.map((r) => r.registryId);
  const db = await getDb();
  const [details, repositoryDays, billed] = await Promise.all([
    db.registry.findMany({
      where: { id: { in: ids } },
      select: { id: true, armId: true, tags: true, loginServer: true },
    }),
    ids.length ? readRepositoryDays(ids, firstDayOf(month), coveredUntil(month, today)) : Promise.resolve([]),
    readBilled(month),
  ]);
  const detailById = new Map(details.map((d) => [d.id, d]));
  const daysByRegistry = groupBy(repositoryDays);
  const result: RegistryChargeback[] = registries.map((record) => {
    const detail = detailById.get(record.registryId)!;
    const tags = toRegistryTags(detail.tags);
    const usage = billableUsageByRun({
      runs: record.runs.map((r) => ({
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        cpu: r.cpu,
        outputRepository: outputRepository(r.outputImages, detail.loginServer),
      })),
      month,
      today,
      freeVcpuSecondsPerMonth: pricesFor(pricing, record.location).taskFreeVcpuSecondsPerMonth,
      defaultTaskCpu: pricing.defaultTaskCpu,
    });
    const allocation = allocateRegistryMonth({
      registry: { name: record.name, tags },
      config,
      daily: record.cost.daily,
      repositoryDaily: (daysByRegistry.get(record.registryId) ?? []).map((r) => ({
        repository: r.repository_name,
        day: r.day,
        attributedBytes: BigInt(r.attributed_bytes),
      })),
      runs: usage,
    });
    const bill = billed.get(detail.armId.toLowerCase()) ?? null;
    const billedMicros = bill?.micros ?? null;
    const scaled =
      options.scaleToBilled === true &&
      billedMicros !== null &&
      bill?.currency.toUpperCase() === pricing.currency.toUpperCase();
    return {
      record,
      armId: detail.armId,
      tags,
      allocation,
      estimatedMicros: record.cost.total,
      billedMicros,
      billedCurrency: bill?.currency ?? null,
      lines: scaled && billedMicros !== null ? scaleLines(allocation.lines, billedMicros) : allocation.lines,
      scaled,
    };
  });
  return { month, pricing, registries: result, billedImported: billed.size > 0 };
}
