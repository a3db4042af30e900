import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { computeRegistryMonthCost } from "@/lib/costs/registry-cost";
import type { Pricing, RegistryDay, RegistryMonthCost, TaskRunUsage } from "@/lib/costs/types";
import { getPricing } from "@/lib/costs/server/get-pricing";
import { coveredUntil, firstDayOf, lastDayOf } from "@/lib/calendar";
import type { CostMonth } from "../cost-params";

/**
 * The one loader behind every cost view: a month's registry snapshots (plus, per registry, the
 * latest snapshot before the month, which a day without a snapshot carries forward), the task
 * runs that finished in the month, then computeRegistryMonthCost per registry. One query per
 * table, whatever the number of registries. No "server-only" guard: the sync keeps chargeback
 * months (lib/chargeback/server/keep-chargeback-month.ts) from its CLI and workers.
 */

export type RegistryMonthCostRecord = {
  registryId: number;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  /** The latest snapshot the month covers (carried forward when the month has none yet). */
  sku: string;
  location: string;
  storedBytes: bigint;
  reportedUsageBytes: bigint | null;
  cost: RegistryMonthCost;
  /** The task runs the cost counted (finished in the month), with their output images for chargeback. */
  runs: MonthTaskRun[];
};

export type MonthTaskRun = TaskRunUsage & { outputImages: unknown };

export type LoadedMonthCosts = { pricing: Pricing; registries: RegistryMonthCostRecord[] };

type SnapshotRow = {
  registry_id: number;
  day: string;
  sku_name: string;
  location: string;
  replica_count: number;
  stored_bytes: bigint;
  reported_usage_bytes: bigint | null;
};

type RunRow = { registry_id: number; started_at: Date; finished_at: Date; cpu: number | null; output_images: unknown };

function nameFilter(alias: string, names: readonly string[] | undefined): Prisma.Sql {
  if (names === undefined) return Prisma.empty;
  return Prisma.sql`AND ${Prisma.raw(alias)}.registry_id IN (SELECT id FROM registries WHERE name = ANY(${[...names]}))`;
}

async function readSnapshots(
  from: string,
  until: string,
  names: readonly string[] | undefined,
): Promise<SnapshotRow[]> {
  const db = await getDb();
  const columns = Prisma.sql`registry_id, to_char(day, 'YYYY-MM-DD') AS day, sku_name, location, replica_count, stored_bytes, reported_usage_bytes`;
  return db.$queryRaw<SnapshotRow[]>`
    SELECT * FROM (
      (SELECT ${columns} FROM registry_snapshots s WHERE day BETWEEN ${from}::date AND ${until}::date ${nameFilter("s", names)})
      UNION ALL
      (SELECT DISTINCT ON (registry_id) ${columns} FROM registry_snapshots s
        WHERE day < ${from}::date ${nameFilter("s", names)} ORDER BY registry_id, day DESC)
    ) AS window_rows ORDER BY registry_id, day`;
}

/** A run's CPU count is its own, else its task's; null leaves the pricing's default to the domain. */
async function readRuns(from: string, until: string, names: readonly string[] | undefined): Promise<RunRow[]> {
  const db = await getDb();
  return db.$queryRaw<RunRow[]>`
    SELECT r.registry_id, r.started_at, r.finished_at, COALESCE(r.cpu, t.cpu) AS cpu, r.output_images
    FROM task_runs r LEFT JOIN tasks t ON t.registry_id = r.registry_id AND t.name = r.task_name
    WHERE r.started_at IS NOT NULL AND r.finished_at >= ${from}::date AND r.finished_at < (${until}::date + 1) ${nameFilter("r", names)}`;
}

export function groupBy<T extends { registry_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.registry_id);
    if (group) group.push(row);
    else groups.set(row.registry_id, [row]);
  }
  return groups;
}

function toRegistryDay(row: SnapshotRow): RegistryDay {
  return {
    day: row.day,
    sku: row.sku_name,
    location: row.location,
    storedBytes: BigInt(row.stored_bytes),
    replicaCount: row.replica_count,
  };
}

/**
 * Registries with a snapshot by the month's covered end, or a task run finished in the month
 * (task cost counts whatever the snapshots). `registryNames` narrows the load (a drill-down, a page of repositories). Registries removed
 * from Azure keep the cost their snapshots record, without carrying their last day forward.
 */
export async function loadRegistryMonthCosts(
  { month, today }: CostMonth,
  registryNames?: readonly string[],
): Promise<LoadedMonthCosts> {
  const from = firstDayOf(month);
  const until = coveredUntil(month, today);
  const db = await getDb();
  const [pricing, snapshots, runs] = await Promise.all([
    getPricing(),
    readSnapshots(from, until, registryNames),
    readRuns(from, lastDayOf(month), registryNames),
  ]);
  const snapshotsByRegistry = groupBy(snapshots);
  const runsByRegistry = groupBy(runs);
  const registries = await db.registry.findMany({
    where: { id: { in: [...new Set([...snapshotsByRegistry.keys(), ...runsByRegistry.keys()])] } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      subscriptionId: true,
      resourceGroup: true,
      removedAt: true,
      skuName: true,
      location: true,
    },
  });
  const records: RegistryMonthCostRecord[] = [];
  for (const registry of registries) {
    const rows = snapshotsByRegistry.get(registry.id) ?? [];
    const runs = (runsByRegistry.get(registry.id) ?? []).map((r): MonthTaskRun => ({
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      cpu: r.cpu,
      outputImages: r.output_images,
    }));
    const latest = rows.at(-1);
    if (registry.removedAt && (!latest || latest.day < from)) continue;
    const cost = computeRegistryMonthCost({
      month,
      today: registry.removedAt && latest ? latest.day : today,
      snapshots: rows.map(toRegistryDay),
      runs,
      pricing,
    });
    records.push({
      registryId: registry.id,
      name: registry.name,
      subscriptionId: registry.subscriptionId,
      resourceGroup: registry.resourceGroup,
      sku: latest?.sku_name ?? registry.skuName,
      location: latest?.location ?? registry.location,
      storedBytes: latest ? BigInt(latest.stored_bytes) : 0n,
      reportedUsageBytes: latest && latest.reported_usage_bytes !== null ? BigInt(latest.reported_usage_bytes) : null,
      cost,
      runs,
    });
  }
  return { pricing, registries: records };
}
