import { describe, expect, it } from "vitest";
import defaults from "../costs/default-pricing.json" with { type: "json" };
import { fullMonthCost } from "../costs/monthly-cost";
import { buildPricing } from "../costs/pricing";
import { monthlyStorageSaving, savingNoteText } from "./saving";

const GIB = 1n << 30n;
const pricing = buildPricing(defaults);

describe("monthlyStorageSaving", () => {
  it("is storage + replica storage before minus after, priced by the cost model at the current SKU and replicas", () => {
    const registry = {
      sku: "Premium",
      location: "eastus",
      storedBytes: 800n * GIB + 5n,
      replicaLocations: ["eastus", "westeurope", "northeurope"],
    };
    const saving = monthlyStorageSaving({ registry, reclaimableBytes: 100n * GIB, month: "2026-11", pricing });
    const shape = {
      sku: "Premium" as const,
      replicas: 2,
      prices: pricing,
      days: 30,
      replicaStorage: "full-copy" as const,
    };
    const before = fullMonthCost({ ...shape, storedBytes: 800n * GIB + 5n });
    const after = fullMonthCost({ ...shape, storedBytes: 700n * GIB + 5n });
    expect(saving.beforeMicros).toBe(before.storage + before.replicationStorage);
    expect(saving.afterMicros).toBe(after.storage + after.replicationStorage);
    // 100 GiB less on the registry and on each of its 2 replicas, at 0.10 per GiB-month.
    expect(saving.savingMicros).toBe(30_000_000n);
    expect(saving.storedBytesAfter).toBe(700n * GIB + 5n);
    expect(saving.note).toBeNull();
  });

  it("is zero under the included storage, and says so", () => {
    const registry = { sku: "Standard", location: "eastus", storedBytes: 40n * GIB, replicaLocations: [] };
    const saving = monthlyStorageSaving({ registry, reclaimableBytes: 10n * GIB, month: "2026-11", pricing });
    expect(saving.savingMicros).toBe(0n);
    expect(saving.note).toBe("under-included");
    expect(savingNoteText(saving.note, saving.includedBytes)).toBe("under the included 100 GiB: no storage saving");
  });

  it("counts only the part above the included storage when the plan goes below it", () => {
    const registry = { sku: "Basic", location: "eastus", storedBytes: 15n * GIB, replicaLocations: [] };
    const saving = monthlyStorageSaving({ registry, reclaimableBytes: 10n * GIB, month: "2026-11", pricing });
    expect(saving.savingMicros).toBe(500_000n);
    expect(saving.note).toBe("down-to-included");
  });

  it("saves nothing when nothing is reclaimable, and never prices a negative size", () => {
    const registry = { sku: "Basic", location: "eastus", storedBytes: 20n * GIB, replicaLocations: [] };
    expect(monthlyStorageSaving({ registry, reclaimableBytes: 0n, month: "2026-11", pricing }).note).toBe(
      "nothing-reclaimable",
    );
    const all = monthlyStorageSaving({ registry, reclaimableBytes: 30n * GIB, month: "2026-11", pricing });
    expect(all.storedBytesAfter).toBe(0n);
    expect(all.savingMicros).toBe(1_000_000n);
  });
});
