import { describe, expect, it } from "vitest";
import defaults from "./default-pricing.json" with { type: "json" };
import { fullMonthCost } from "./monthly-cost";
import { buildPricing } from "./pricing";
import { computeRegistryMonthCost } from "./registry-cost";

describe("fullMonthCost", () => {
  it("equals a steady month of computeRegistryMonthCost, kind by kind", () => {
    const pricing = buildPricing(defaults);
    const storedBytes = 777n * (1n << 30n) + 12_345n;
    const month = computeRegistryMonthCost({
      month: "2026-12",
      today: "2027-01-10",
      snapshots: [{ day: "2026-11-30", sku: "Premium", location: "eastus", storedBytes, replicaCount: 3 }],
      runs: [],
      pricing,
    });
    const full = fullMonthCost({
      sku: "Premium",
      storedBytes,
      replicas: 3,
      prices: pricing,
      days: 31,
      replicaStorage: "full-copy",
    });
    expect(month.lines.map((l) => l.cost)).toEqual([
      full.unit,
      full.storage,
      full.replicationUnit,
      full.replicationStorage,
      0n,
    ]);
    expect(full.total).toBe(month.total);
  });
});
