/**
 * The simulator's known estate, synced on three days of October 2026, yields known monthly
 * totals. The expected figures are computed here from the generator's ground truth with the
 * formulas of the cost model written out longhand (not through lib/costs), then compared to the
 * micro with what the costs query serves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "@/lib/azure/connection";
import { isoDay } from "@/lib/calendar";
import type { SimEstate, SimRun } from "@/lib/simulator/estate";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { expectedRegistryStorage } from "@/lib/testing/ground-truth";
import { runSync } from "@/lib/sync/run-sync";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { getCostMonth } from "./get-cost-month";

const GIB = 2n ** 30n;
const SYNC_DAYS = ["2026-10-05", "2026-10-12", "2026-10-20"];
const TODAY = "2026-10-25";
const DAYS_IN_OCTOBER = 31n;
// Default list prices in micro-USD.
const UNIT = { Basic: 166_600n, Standard: 666_600n, Premium: 1_666_600n } as Record<string, bigint>;
const INCLUDED = { Basic: 10n * GIB, Standard: 100n * GIB, Premium: 500n * GIB } as Record<string, bigint>;
const STORAGE_PER_GIB_MONTH = 100_000n;
const REPLICATION_UNIT = 1_666_600n;
const FREE_VCPU_MS = 6000n * 1000n;

let sim: RunningSimulator;
let testDb: TestDatabase;
const estates: SimEstate[] = [];

/** Rounds num/den to the nearest integer, halves away from zero (non-negative here). */
const round = (num: bigint, den: bigint) => (2n * num + den) / (2n * den);

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, scale: "small", date: new Date(`${SYNC_DAYS[0]}T12:00:00Z`) });
  testDb = await createTestDatabase();
  for (const day of SYNC_DAYS) {
    const asOf = new Date(`${day}T12:00:00Z`);
    sim.setDate(asOf);
    estates.push(sim.estate());
    const summary = await runSync({
      pool: testDb.pool,
      connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
      asOf,
    });
    expect(summary.status).toBe("succeeded");
  }
}, 180_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

function expectedRegistry(name: string) {
  // Each covered day (Oct 5–25) takes the latest sync on or before it.
  let storageExcess = 0n;
  let replicaExcess = 0n;
  let unit = 0n;
  let replicaDays = 0n;
  let days = 0;
  for (let d = 5; d <= 25; d++) {
    const day = `2026-10-${String(d).padStart(2, "0")}`;
    const index = SYNC_DAYS.filter((s) => s <= day).length - 1;
    const registry = estates[index].registries.find((r) => r.name === name)!;
    const stored = expectedRegistryStorage(registry).storedBytes;
    const replicas = BigInt(registry.replications.filter((p) => p.location !== registry.location).length);
    days += 1;
    unit += UNIT[registry.sku];
    storageExcess += stored > INCLUDED[registry.sku] ? stored - INCLUDED[registry.sku] : 0n;
    replicaDays += replicas;
    replicaExcess += replicas * (stored > INCLUDED.Premium ? stored - INCLUDED.Premium : 0n);
  }
  // Every run any sync saw, finished between Oct 1 and today.
  const runs = new Map<string, SimRun>();
  for (const estate of estates)
    for (const run of estate.registries.find((r) => r.name === name)!.runs) runs.set(run.runId, run);
  let vcpuMs = 0n;
  for (const run of runs.values()) {
    if (!run.finishTime) continue;
    const finished = isoDay(run.finishTime);
    if (finished < "2026-10-01" || finished > TODAY) continue;
    vcpuMs += BigInt(run.finishTime.getTime() - run.startTime.getTime()) * BigInt(run.cpu);
  }
  const billableMs = vcpuMs > FREE_VCPU_MS ? vcpuMs - FREE_VCPU_MS : 0n;
  return {
    days,
    unit,
    storage: round(storageExcess * STORAGE_PER_GIB_MONTH, GIB * DAYS_IN_OCTOBER),
    replication_unit: replicaDays * REPLICATION_UNIT,
    replication_storage: round(replicaExcess * STORAGE_PER_GIB_MONTH, GIB * DAYS_IN_OCTOBER),
    tasks: round(billableMs * 100n, 1000n), // 0.0001 USD = 100 micros per vCPU-second
  };
}

describe("monthly cost of the simulated estate", () => {
  it("matches the formulas applied to the ground truth, registry by registry and kind by kind", async () => {
    const month = await getCostMonth({ month: "2026-10", today: TODAY });
    expect(month.registries.map((r) => r.name).sort()).toEqual(estates[2].registries.map((r) => r.name).sort());
    let total = 0n;
    for (const row of month.registries) {
      const expected = expectedRegistry(row.name);
      expect(row.days).toBe(expected.days);
      const byKind = Object.fromEntries(row.lines.map((l) => [l.kind, BigInt(l.costMicros)]));
      expect(byKind).toEqual({
        unit: expected.unit,
        storage: expected.storage,
        replication_unit: expected.replication_unit,
        replication_storage: expected.replication_storage,
        tasks: expected.tasks,
      });
      total += BigInt(row.totalMicros);
    }
    expect(BigInt(month.totalMicros)).toBe(total);
    // The estate exercises more than the registry units: replicas and task runs cost something.
    expect(month.byKind.find((k) => k.kind === "replication_unit")!.costMicros).not.toBe("0");
    expect(month.byKind.find((k) => k.kind === "tasks")!.costMicros).not.toBe("0");
    expect(month.byKind.find((k) => k.kind === "storage")!.costMicros).not.toBe("0");
  });
});
