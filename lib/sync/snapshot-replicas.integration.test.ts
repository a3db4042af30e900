/**
 * The registries pages count a registry's replicas from its live replications; the costs pages
 * charge the replicas each day's snapshot recorded, and price each live replica. Synced through
 * the real SDK clients from the simulator, a registry whose replications spell a region as a
 * portal does ("West Europe" beside ARM's "westeurope", its own home region as "East US") must be
 * counted the same everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { normalizeLocation } from "../costs/pricing";
import { listReplicaCosts } from "../costs/server/list-replica-costs";
import { getRegistryDailyCosts } from "../costs/server/get-registry-daily-costs";
import { getRegistryDetail } from "../storage/server/get-registry-detail";
import { listRegistries } from "../storage/server/list-registries";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { runSync } from "./run-sync";

const DAY = "2026-10-05";

/** How the Azure portal and its exports name the simulator's regions. */
const PORTAL_NAMES: Record<string, string> = {
  westeurope: "West Europe",
  northeurope: "North Europe",
  eastus: "East US",
  eastus2: "East US 2",
  westus2: "West US 2",
  uksouth: "UK South",
  southeastasia: "Southeast Asia",
  australiaeast: "Australia East",
};

let sim: RunningSimulator;
let testDb: TestDatabase;

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, scale: "small", date: new Date(`${DAY}T12:00:00Z`) });
  testDb = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

describe("replicas on the registries and costs pages", () => {
  it("agree when replications spell a region as the portal does", async () => {
    const registry = sim.estate().registries.find((r) => r.replications.some((p) => p.location !== r.location))!;
    expect(registry, "the estate holds a replicated registry").toBeDefined();
    const replica = registry.replications.find((p) => p.location !== registry.location)!;
    const armLocations = registry.replications
      .filter((p) => p.location !== registry.location)
      .map((p) => p.location)
      .sort();
    const armReplicas = armLocations.length;
    // The same regions again under other names: neither is one more billable replica.
    registry.replications.push(
      { ...replica, name: `${replica.name}portal`, location: PORTAL_NAMES[replica.location] },
      { ...replica, name: "homeportal", location: PORTAL_NAMES[registry.location] },
    );

    const summary = await runSync({
      pool: testDb.pool,
      connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
      asOf: new Date(`${DAY}T12:00:00Z`),
    });
    expect(summary.status).toBe("succeeded");

    const listed = (await listRegistries({ search: registry.name })).rows.find((r) => r.name === registry.name)!;
    expect(listed.replicaCount).toBe(armReplicas);
    const detail = (await getRegistryDetail({ name: registry.name }))!;
    expect(detail.replicaCount).toBe(armReplicas);
    expect(detail.replications.filter((p) => !p.isHome)).toHaveLength(armReplicas + 1); // the portal spelling of a replica is listed, not billed twice

    const { rows } = await testDb.pool.query<{ replica_count: number; replica_locations: string[] }>(
      `SELECT s.replica_count, s.replica_locations FROM registry_snapshots s JOIN registries g ON g.id = s.registry_id WHERE g.name = $1`,
      [registry.name],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].replica_count).toBe(armReplicas);
    expect(rows[0].replica_locations.map(normalizeLocation).sort()).toEqual(armLocations);

    const costs = (await getRegistryDailyCosts({ name: registry.name, month: "2026-10", today: DAY }))!;
    const replicationUnit = costs.lines.find((l) => l.kind === "replication_unit")!;
    expect(costs.days).toBe(1);
    expect(BigInt(replicationUnit.costMicros)).toBe(BigInt(armReplicas) * BigInt(replicationUnit.unitPriceMicros));

    const priced = (await listReplicaCosts({ month: "2026-10", registry: registry.name })).registries[0];
    expect(priced.replicas).toHaveLength(armReplicas);
  }, 120_000);
});
