import { describe, expect, it } from "vitest";
import defaults from "./default-pricing.json" with { type: "json" };
import { buildPricing } from "./pricing";
import { computeRegistryMonthCost } from "./registry-cost";
import { allocateRepositoryStorageCost, repositoryStorageCosts } from "./repository-cost";
import type { DayCost } from "./types";

const day = (
  d: string,
  storedBytes: bigint,
  storage: bigint,
  replicationStorage: bigint,
  carriedForward = false,
): DayCost => ({
  day: d,
  storedBytes,
  carriedForward,
  costs: { unit: 999n, storage, replication_unit: 999n, replication_storage: replicationStorage, tasks: 999n },
});
const repo = (repository: string, d: string, attributedBytes: bigint) => ({ repository, day: d, attributedBytes });

describe("allocateRepositoryStorageCost", () => {
  it("gives the left-over micro to the earliest name when remainders tie", () => {
    const costs = allocateRepositoryStorageCost({
      registryDaily: [day("2026-04-01", 3n, 100n, 0n)],
      repositoryDaily: [repo("c", "2026-04-01", 1n), repo("a", "2026-04-01", 1n), repo("b", "2026-04-01", 1n)],
    });
    expect(costs).toEqual(
      new Map([
        ["a", 34n],
        ["b", 33n],
        ["c", 33n],
      ]),
    ); // 100/3 = 33.33 each; 99 + 1 left over
  });

  it("carries repositories forward with the registry, drops deleted ones, and sums exactly", () => {
    const costs = allocateRepositoryStorageCost({
      registryDaily: [
        day("2026-04-01", 4n, 10n, 5n),
        day("2026-04-02", 4n, 10n, 5n, true),
        day("2026-04-03", 4n, 7n, 0n),
      ],
      repositoryDaily: [repo("x", "2026-04-01", 3n), repo("y", "2026-04-01", 1n), repo("x", "2026-04-03", 4n)],
    });
    // x: 15 × 3/4 + 15 × 3/4 + 7 × 4/4 = 29.5; y: 15 × 1/4 × 2 = 7.5 (deleted on the 3rd); total 37 → 29 + 7 + 1 to x (tie, name order)
    expect(costs).toEqual(
      new Map([
        ["x", 30n],
        ["y", 7n],
      ]),
    );
  });

  it("carries the latest snapshots from before the month; older repositories count as gone", () => {
    const costs = allocateRepositoryStorageCost({
      registryDaily: [day("2026-04-01", 2n, 9n, 0n, true)],
      repositoryDaily: [repo("z", "2026-03-28", 2n), repo("x", "2026-03-30", 1n), repo("y", "2026-03-30", 1n)],
    });
    expect(costs).toEqual(
      new Map([
        ["x", 5n],
        ["y", 4n],
        ["z", 0n],
      ]),
    ); // 4.5 each, 1 left over
  });

  it("splits a real month to the micro: Σ repositories = storage + replication_storage", () => {
    const GIB = 1n << 30n;
    const cost = computeRegistryMonthCost({
      month: "2026-02",
      today: "2026-02-20",
      snapshots: [{ day: "2026-02-15", sku: "Premium", location: "eastus", storedBytes: 600n * GIB, replicaCount: 2 }],
      runs: [],
      pricing: buildPricing(defaults),
    });
    const costs = allocateRepositoryStorageCost({
      registryDaily: cost.daily,
      repositoryDaily: [repo("a", "2026-02-15", 250n * GIB), repo("b", "2026-02-15", 350n * GIB)],
    });
    // storage 2142857 + replica storage 4285714 = 6428571; a = × 5/12 = 2678571.25, b = × 7/12 = 3749999.75 → b takes the micro
    expect(costs).toEqual(
      new Map([
        ["a", 2_678_571n],
        ["b", 3_750_000n],
      ]),
    );
  });

  it("allocates nothing without storage cost", () => {
    expect(
      allocateRepositoryStorageCost({
        registryDaily: [day("2026-04-01", 5n, 0n, 0n)],
        repositoryDaily: [repo("a", "2026-04-01", 5n)],
      }),
    ).toEqual(new Map([["a", 0n]]));
  });
});

describe("repositoryStorageCosts", () => {
  it("rounds each repository on its own, half away from zero", () => {
    const costs = repositoryStorageCosts({
      registryDaily: [day("2026-04-01", 3n, 100n, 0n)],
      repositoryDaily: [repo("c", "2026-04-01", 1n), repo("a", "2026-04-01", 1n), repo("b", "2026-04-01", 1n)],
    });
    expect(costs).toEqual(
      new Map([
        ["a", 33n],
        ["b", 33n],
        ["c", 33n],
      ]),
    ); // 33.33 each, no left-over micro handed out
    const half = repositoryStorageCosts({
      registryDaily: [day("2026-04-01", 2n, 1n, 0n)],
      repositoryDaily: [repo("x", "2026-04-01", 1n)],
    });
    expect(half.get("x")).toBe(1n); // 0.5 rounds up
  });

  it("needs only the repository's own snapshots: a subset gives the same figures", () => {
    const registryDaily = [
      day("2026-04-01", 4n, 10n, 5n),
      day("2026-04-02", 4n, 10n, 5n, true),
      day("2026-04-03", 4n, 7n, 0n),
    ];
    const all = [repo("x", "2026-04-01", 3n), repo("y", "2026-04-01", 1n), repo("x", "2026-04-03", 4n)];
    const both = repositoryStorageCosts({ registryDaily, repositoryDaily: all });
    // x: 15 × 3/4 × 2 + 7 × 4/4 = 29.5 → 30; y: 15 × 1/4 × 2 = 7.5 → 8 (deleted on the 3rd)
    expect(both).toEqual(
      new Map([
        ["x", 30n],
        ["y", 8n],
      ]),
    );
    const onlyX = repositoryStorageCosts({ registryDaily, repositoryDaily: all.filter((r) => r.repository === "x") });
    expect(onlyX.get("x")).toBe(both.get("x"));
  });
});
