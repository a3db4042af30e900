/**
 * The one loader behind every chargeback view (page, team page, CSV): the cost model's month per
 * registry (loadRegistryMonthCosts, the same micros the costs report shows, with the task runs it
 * counted and their output images), the repositories' daily attributed bytes and the imported billed
 * amounts, then allocateRegistryMonth per registry (lib/chargeback/allocate.ts) and, when
 * asked, scaleLines to the billed amount. Internal (bigint) shapes; views convert at their edge.
 * Registries without a billed amount (or billed in another currency than the pricing's) keep their
 * estimate even when scaling. The views read it through readChargebackMonth (kept months); the
 * verifier calls it directly. No "server-only" guard: the sync keeps months from its CLI and workers.
 */
import { getDb } from "@/lib/db";
import { allocateRegistryMonth, type AllocatedLine } from "@/lib/chargeback/allocate";
import type { ChargebackConfig } from "@/lib/chargeback/config";
import type { KeptRegistryMonth } from "@/lib/chargeback/month-codec";
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

export type RegistryChargeback = KeptRegistryMonth & {
  /** From the imported FOCUS file for the month; null when none matched this registry. */
  billedMicros: Micros | null;
  /** The bill's currency; a bill in another currency than the pricing's is shown but never scaled to. */
  billedCurrency: string | null;
  /** The lines served: scaled to the bill when asked and billed, else the allocation's. */
  lines: AllocatedLine[];
  scaled: boolean;
};

/** A registry allocated here: its record holds the cost model's month too (the verifier compares with it). */
export type ComputedRegistryChargeback = RegistryChargeback & { record: RegistryMonthCostRecord };

export type ChargebackMonthData<R extends RegistryChargeback = RegistryChargeback> = {
  month: string;
  pricing: Pricing;
  registries: R[];
  billedImported: boolean;
};

export type MonthBill = { micros: Micros; currency: string };

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

export async function readBilled(month: string): Promise<Map<string, MonthBill>> {
  const db = await getDb();
  const rows = await db.billedCost.findMany({ where: { month: dayStart(firstDayOf(month)) } });
  return new Map(rows.map((r) => [r.resourceId.toLowerCase(), { micros: r.billedMicros, currency: r.currency }]));
}

/** The bill imported for the registry (by lower-cased ARM id) applied: its lines scaled to it when asked and in the pricing's currency. */
export function withBill<T extends KeptRegistryMonth>(
  kept: T,
  billed: ReadonlyMap<string, MonthBill>,
  pricing: Pricing,
  scaleToBilled: boolean,
): T & Omit<RegistryChargeback, keyof KeptRegistryMonth> {
  const bill = billed.get(kept.armId.toLowerCase()) ?? null;
  const billedMicros = bill?.micros ?? null;
  const scaled =
    scaleToBilled && billedMicros !== null && bill?.currency.toUpperCase() === pricing.currency.toUpperCase();
  return {
    ...kept,
    billedMicros,
    billedCurrency: bill?.currency ?? null,
    lines: scaled && billedMicros !== null ? scaleLines(kept.allocation.lines, billedMicros) : kept.allocation.lines,
    scaled,
  };
}

/** `registryNames` narrows the registries allocated (each is allocated alone: the others never change its figures). */
export async function allocateMonth(
  params: CostMonth,
  config: ChargebackConfig,
  options: { scaleToBilled?: boolean; registryNames?: readonly string[] } = {},
): Promise<ChargebackMonthData<ComputedRegistryChargeback>> {
  const { month, today } = params;
  const { pricing, registries } = await loadRegistryMonthCosts(params, options.registryNames);
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
  const result: ComputedRegistryChargeback[] = registries.map((record) => {
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
    const kept = { record, armId: detail.armId, tags, allocation, estimatedMicros: record.cost.total };
    return withBill(kept, billed, pricing, options.scaleToBilled === true);
  });
  return { month, pricing, registries: result, billedImported: billed.size > 0 };
}
