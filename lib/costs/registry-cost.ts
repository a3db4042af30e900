/**
 * A registry's cost for one month, from its daily snapshots and task runs.
 * Day D, S = distinct blob bytes, prices of the registry's region:
 *   unit                = unit_price[sku]
 *   storage             = max(0, S − included[sku]) × storage_price / days_in_month
 *   replication_unit    = replicas × replication_unit_price
 *   replication_storage = replicas × max(0, S − included[Premium]) × storage_price / days_in_month
 *                         (0 when the table says replicas hold nothing billable)
 *   tasks               = billable vCPU-seconds of runs finished on D × task_price (task-usage.ts)
 * Covered days run from the later of the month's first day and the first snapshot to the earlier
 * of the month's last day and today; a day without a snapshot carries the last earlier one
 * forward. Tasks count whatever the snapshots, so `daily` also lists uncovered days on which a
 * billable run finished (storedBytes 0n, only a task cost). Lines and daily figures: cost-line.ts.
 */
import { coveredUntil, dayFromNumber, dayNumber, daysInMonth, firstDayOf } from "@/lib/calendar";
import { compareCodePoints } from "@/lib/compare";
import { buildCostLine, type DayPart } from "./cost-line";
import { pricesFor } from "./pricing";
import { toSku } from "./sku";
import { MICRO_VCPU_SECONDS_PER_VCPU_SECOND, billableTaskUsageByDay } from "./task-usage";
import {
  COST_KINDS,
  type CostKind,
  type DayCost,
  type Micros,
  type Prices,
  type Pricing,
  type RegistryDay,
  type RegistryMonthCost,
  type TaskRunUsage,
} from "./types";

const BYTES_PER_GIB = 1n << 30n;

type CoveredDay = { day: string; snapshot: RegistryDay };

export function computeRegistryMonthCost(input: {
  month: string;
  today: string;
  snapshots: RegistryDay[];
  runs: TaskRunUsage[];
  pricing: Pricing;
}): RegistryMonthCost {
  const { month, today, pricing } = input;
  const snapshots = [...input.snapshots].sort((a, b) => compareCodePoints(a.day, b.day));
  const lastDay = coveredUntil(month, today);
  const covered = coveredDays(snapshots, firstDayOf(month), lastDay);
  const reference = snapshotOn(snapshots, lastDay) ?? snapshots[0];
  const referencePrices: Prices = reference ? pricesFor(pricing, reference.location) : pricing;
  const pricesOn = (day: string) => {
    const snapshot = snapshotOn(snapshots, day);
    return snapshot ? pricesFor(pricing, snapshot.location) : referencePrices;
  };

  const gibMonthDenominator = BYTES_PER_GIB * BigInt(daysInMonth(month));
  const parts: Record<CostKind, DayPart[]> = {
    unit: [],
    storage: [],
    replication_unit: [],
    replication_storage: [],
    tasks: [],
  };
  for (const { day, snapshot } of covered) {
    const prices = pricesFor(pricing, snapshot.location);
    const sku = prices.skus[toSku(snapshot.sku)];
    const replicas = BigInt(snapshot.replicaCount);
    const replicaExcess =
      pricing.replicaStorage === "full-copy" ? excess(snapshot.storedBytes, prices.skus.Premium.includedBytes) : 0n;
    parts.unit.push({ day, quantity: 1n, unitPrice: sku.unitPerDay });
    parts.storage.push({
      day,
      quantity: excess(snapshot.storedBytes, sku.includedBytes),
      unitPrice: prices.storagePerGiBMonth,
    });
    parts.replication_unit.push({ day, quantity: replicas, unitPrice: prices.replicationUnitPerDay });
    parts.replication_storage.push({ day, quantity: replicas * replicaExcess, unitPrice: prices.storagePerGiBMonth });
  }
  const taskUsage = billableTaskUsageByDay({
    runs: input.runs,
    month,
    today,
    freeVcpuSecondsPerMonth: referencePrices.taskFreeVcpuSecondsPerMonth,
    defaultTaskCpu: pricing.defaultTaskCpu,
  });
  for (const [day, quantity] of [...taskUsage].sort(([a], [b]) => compareCodePoints(a, b))) {
    if (quantity === 0n) continue; // a day whose runs were all free adds no daily row
    parts.tasks.push({ day, quantity, unitPrice: pricesOn(day).taskPerVcpuSecond });
  }

  const referenceUnitPrice = reference ? referencePrices.skus[toSku(reference.sku)].unitPerDay : 0n;
  const fallback: Record<CostKind, Micros> = {
    unit: referenceUnitPrice,
    storage: referencePrices.storagePerGiBMonth,
    replication_unit: referencePrices.replicationUnitPerDay,
    replication_storage: referencePrices.storagePerGiBMonth,
    tasks: referencePrices.taskPerVcpuSecond,
  };
  const denominators: Record<CostKind, bigint> = {
    unit: 1n,
    storage: gibMonthDenominator,
    replication_unit: 1n,
    replication_storage: gibMonthDenominator,
    tasks: MICRO_VCPU_SECONDS_PER_VCPU_SECOND,
  };
  const built = COST_KINDS.map((kind) => ({
    kind,
    ...buildCostLine(kind, denominators[kind], parts[kind], fallback[kind]),
  }));
  const lines = built.map((b) => b.line);

  const dailyByDay = new Map<string, DayCost>();
  for (const { day, snapshot } of covered) {
    dailyByDay.set(day, {
      day,
      storedBytes: snapshot.storedBytes,
      carriedForward: snapshot.day !== day,
      costs: zeroCosts(),
    });
  }
  for (const { kind, daily } of built) {
    for (const [day, cost] of daily) {
      let entry = dailyByDay.get(day);
      if (!entry) dailyByDay.set(day, (entry = { day, storedBytes: 0n, carriedForward: false, costs: zeroCosts() }));
      entry.costs[kind] += cost;
    }
  }
  return {
    month,
    days: covered.length,
    lines,
    total: lines.reduce((sum, line) => sum + line.cost, 0n),
    daily: [...dailyByDay.values()].sort((a, b) => compareCodePoints(a.day, b.day)),
  };
}

function excess(storedBytes: bigint, includedBytes: bigint): bigint {
  return storedBytes > includedBytes ? storedBytes - includedBytes : 0n;
}

function zeroCosts(): Record<CostKind, Micros> {
  return { unit: 0n, storage: 0n, replication_unit: 0n, replication_storage: 0n, tasks: 0n };
}

/** The latest snapshot on or before `day` (snapshots sorted by day). */
function snapshotOn(snapshots: RegistryDay[], day: string): RegistryDay | undefined {
  let found: RegistryDay | undefined;
  for (const snapshot of snapshots) {
    if (snapshot.day > day) break;
    found = snapshot;
  }
  return found;
}

function coveredDays(snapshots: RegistryDay[], firstDay: string, lastDay: string): CoveredDay[] {
  const first = snapshots[0];
  if (!first || first.day > lastDay) return [];
  const covered: CoveredDay[] = [];
  let next = 0;
  let current: RegistryDay | undefined;
  for (let n = dayNumber(first.day > firstDay ? first.day : firstDay); n <= dayNumber(lastDay); n++) {
    const day = dayFromNumber(n);
    while (next < snapshots.length && snapshots[next].day <= day) current = snapshots[next++];
    if (current) covered.push({ day, snapshot: current });
  }
  return covered;
}
