import { describe, expect, it } from "vitest";
import defaults from "./default-pricing.json" with { type: "json" };
import { buildPricing } from "./pricing";
import { daysInMonth } from "@/lib/calendar";
import { computeRegistryMonthCost } from "./registry-cost";
import { COST_KINDS, type CostKind, type RegistryDay, type RegistryMonthCost, type TaskRunUsage } from "./types";

const GIB = 1n << 30n;
const pricing = buildPricing(defaults);
const snap = (day: string, sku: string, gib: bigint, replicaCount = 0, location = "eastus"): RegistryDay => ({
  day,
  sku,
  location,
  storedBytes: gib * GIB,
  replicaCount,
});
const line = (cost: RegistryMonthCost, kind: CostKind) => cost.lines.find((l) => l.kind === kind)!;
const dailySum = (cost: RegistryMonthCost, kind: CostKind) => cost.daily.reduce((sum, d) => sum + d.costs[kind], 0n);

describe("computeRegistryMonthCost", () => {
  it("carries a previous month's snapshot through a 31-day month, storage over the included amount", () => {
    const cost = computeRegistryMonthCost({
      month: "2026-03",
      today: "2026-04-05",
      snapshots: [snap("2026-02-20", "Standard", 150n)],
      runs: [],
      pricing,
    });
    expect(cost.days).toBe(31);
    expect(cost.lines.map((l) => l.kind)).toEqual([...COST_KINDS]);
    expect(line(cost, "unit")).toEqual({
      kind: "unit",
      unit: "day",
      quantity: "31",
      unitPrice: 666_600n,
      cost: 20_664_600n,
    }); // 31 × 0.6666
    // (150 − 100) GiB × 31/31 month = 50 GiB-months × 0.10 = 5.00
    expect(line(cost, "storage")).toEqual({
      kind: "storage",
      unit: "GiB-month",
      quantity: "50",
      unitPrice: 100_000n,
      cost: 5_000_000n,
    });
    expect(line(cost, "replication_unit")).toMatchObject({ quantity: "0", cost: 0n });
    expect(line(cost, "replication_storage")).toMatchObject({ quantity: "0", cost: 0n });
    expect(line(cost, "tasks")).toMatchObject({ quantity: "0", cost: 0n, unitPrice: 100n });
    expect(cost.total).toBe(25_664_600n);
    expect(cost.daily).toHaveLength(31);
    expect(cost.daily.every((d) => d.carriedForward)).toBe(true);
    // 5.00 / 31 days = 0.161290… a day: cumulative rounding gives 161290 or 161291 and sums exactly
    expect(cost.daily[0].costs.storage).toBe(161_290n);
    expect(dailySum(cost, "storage")).toBe(5_000_000n);
  });

  it("covers a 28-day February from the first snapshot to today, with replicas holding full copies", () => {
    const snapshots = [snap("2026-02-15", "Premium", 600n, 2)];
    const cost = computeRegistryMonthCost({ month: "2026-02", today: "2026-02-20", snapshots, runs: [], pricing });
    expect(daysInMonth("2026-02")).toBe(28);
    expect(cost.days).toBe(6); // 15th to 20th
    expect(line(cost, "unit")).toMatchObject({ quantity: "6", cost: 9_999_600n }); // 6 × 1.6666
    // 100 GiB over 500 × 6/28 month = 21.428571428… GiB-months; × 0.10 = 60/28 = 2.142857142… → 2.142857
    expect(line(cost, "storage")).toMatchObject({ quantity: "21.428571429", cost: 2_142_857n });
    expect(line(cost, "replication_unit")).toMatchObject({
      unit: "day",
      quantity: "12",
      unitPrice: 1_666_600n,
      cost: 19_999_200n,
    }); // 2 × 6 replica-days
    // 2 replicas × 100 GiB × 6/28 = 42.857142857… GiB-months; × 0.10 = 120/28 = 4.285714285… → 4.285714
    expect(line(cost, "replication_storage")).toMatchObject({ quantity: "42.857142857", cost: 4_285_714n });
    expect(cost.total).toBe(36_427_371n); // 9999600 + 2142857 + 19999200 + 4285714
    expect(cost.daily.map((d) => d.day)).toEqual([
      "2026-02-15",
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
    ]);
    for (const kind of COST_KINDS) expect(dailySum(cost, kind)).toBe(line(cost, kind).cost);
  });

  it("bills no replica storage when the table says replicas hold nothing", () => {
    const none = buildPricing(defaults, { name: "none.json", json: { replicaStorage: "none" } });
    const cost = computeRegistryMonthCost({
      month: "2026-02",
      today: "2026-02-20",
      snapshots: [snap("2026-02-15", "Premium", 600n, 2)],
      runs: [],
      pricing: none,
    });
    expect(line(cost, "replication_storage")).toMatchObject({ quantity: "0", cost: 0n });
    expect(line(cost, "replication_unit").cost).toBe(19_999_200n);
  });

  it("uses each day's snapshot in a 30-day month: under, then over the Basic allowance", () => {
    const snapshots = [snap("2026-04-01", "Basic", 5n), snap("2026-04-11", "Basic", 20n)];
    const cost = computeRegistryMonthCost({ month: "2026-04", today: "2026-05-01", snapshots, runs: [], pricing });
    expect(cost.days).toBe(30);
    expect(line(cost, "unit")).toMatchObject({ quantity: "30", cost: 4_998_000n }); // 30 × 0.1666
    // 5 GiB is within 10; then (20 − 10) GiB × 20/30 month = 6.666666667 GiB-months; × 0.10 = 0.6666… → 0.666667
    expect(line(cost, "storage")).toMatchObject({ quantity: "6.666666667", cost: 666_667n });
    expect(cost.daily[9]).toMatchObject({ day: "2026-04-10", storedBytes: 5n * GIB, carriedForward: true });
    expect(cost.daily[9].costs.storage).toBe(0n);
    expect(cost.daily[10]).toMatchObject({ day: "2026-04-11", storedBytes: 20n * GIB, carriedForward: false });
    expect(dailySum(cost, "storage")).toBe(666_667n);
  });

  it("states a month with a SKU change at the latest price and the equivalent quantity", () => {
    const snapshots = [snap("2026-04-01", "Basic", 1n), snap("2026-04-16", "Standard", 1n)];
    const cost = computeRegistryMonthCost({ month: "2026-04", today: "2026-05-01", snapshots, runs: [], pricing });
    // 15 × 0.1666 + 15 × 0.6666 = 2.499 + 9.999 = 12.498; at 0.6666 that is 12.498 / 0.6666 = 18.748874887… days
    expect(line(cost, "unit")).toMatchObject({ quantity: "18.748874887", unitPrice: 666_600n, cost: 12_498_000n });
  });

  it("counts nothing before the first snapshot or after today", () => {
    const early = computeRegistryMonthCost({
      month: "2026-04",
      today: "2026-03-31",
      snapshots: [snap("2026-03-01", "Basic", 1n)],
      runs: [],
      pricing,
    });
    expect(early.days).toBe(0);
    expect(early.total).toBe(0n);
    expect(early.daily).toEqual([]);
    const none = computeRegistryMonthCost({ month: "2026-04", today: "2026-05-01", snapshots: [], runs: [], pricing });
    expect(none.days).toBe(0);
    expect(none.lines).toHaveLength(5);
    const late = computeRegistryMonthCost({
      month: "2026-04",
      today: "2026-05-01",
      snapshots: [snap("2026-05-02", "Basic", 1n)],
      runs: [],
      pricing,
    });
    expect(late.days).toBe(0);
  });

  it("bills task vCPU-seconds beyond the monthly free grant, consumed in finish order", () => {
    const run = (finished: string, seconds: number, cpu: number | null): TaskRunUsage => {
      const finishedAt = new Date(finished);
      return { startedAt: new Date(finishedAt.getTime() - seconds * 1000), finishedAt, cpu };
    };
    const runs = [
      run("2026-04-04T09:00:00Z", 100, 4), // 400 vCPU-s, all billable
      run("2026-04-04T08:00:00Z", 1000, null), // 1000 s × default 2 = 2000: 1000 free, 1000 billable (the grant runs out within the day)
      run("2026-04-03T10:00:00Z", 2500, 2), // 5000 vCPU-s, free (1000 of the 6000 left)
      run("2026-03-31T23:59:00Z", 9999, 2), // previous month
      run("2026-04-20T10:00:00Z", 9999, 2), // after today
    ];
    // snapshots start on the 4th: the 3rd is not covered but its run still consumes the grant
    const cost = computeRegistryMonthCost({
      month: "2026-04",
      today: "2026-04-10",
      snapshots: [snap("2026-04-04", "Basic", 1n)],
      runs,
      pricing,
    });
    expect(cost.days).toBe(7);
    expect(line(cost, "tasks")).toEqual({
      kind: "tasks",
      unit: "vCPU-second",
      quantity: "1400",
      unitPrice: 100n,
      cost: 140_000n,
    }); // 1400 × 0.0001
    expect(cost.daily[0]).toMatchObject({ day: "2026-04-04", costs: { tasks: 140_000n } });
    expect(cost.total).toBe(7n * 166_600n + 140_000n);
  });

  it("lists an uncovered day whose runs are billable, with its task cost only", () => {
    const runs: TaskRunUsage[] = [
      { startedAt: new Date("2026-04-02T00:00:00Z"), finishedAt: new Date("2026-04-02T01:00:00Z"), cpu: 2 },
    ]; // 7200 vCPU-s, 1200 billable
    const cost = computeRegistryMonthCost({
      month: "2026-04",
      today: "2026-04-05",
      snapshots: [snap("2026-04-04", "Basic", 1n)],
      runs,
      pricing,
    });
    expect(cost.days).toBe(2);
    expect(cost.daily[0]).toEqual({
      day: "2026-04-02",
      storedBytes: 0n,
      carriedForward: false,
      costs: { unit: 0n, storage: 0n, replication_unit: 0n, replication_storage: 0n, tasks: 120_000n },
    });
    expect(line(cost, "tasks").cost).toBe(120_000n);
  });

  it("prices a registry at its region's override and applies the discount", () => {
    const regional = buildPricing(defaults, {
      name: "r.json",
      json: { discountPercent: 50, regions: { westeurope: { storagePerGiBMonth: "0.20" } } },
    });
    const cost = computeRegistryMonthCost({
      month: "2026-04",
      today: "2026-05-01",
      snapshots: [snap("2026-04-01", "Standard", 130n, 0, "West Europe")],
      runs: [],
      pricing: regional,
    });
    expect(line(cost, "unit")).toMatchObject({ unitPrice: 333_300n, cost: 9_999_000n }); // 0.6666 × 0.5 = 0.3333; × 30
    expect(line(cost, "storage")).toMatchObject({ quantity: "30", unitPrice: 100_000n, cost: 3_000_000n }); // 0.20 × 0.5; 30 GiB-months × 0.10
  });
});
