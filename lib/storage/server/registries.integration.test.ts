import { describe, expect, it } from "vitest";
import { createRegistry, createSyncRun } from "@/lib/testing/factories";
import { useTestDatabase } from "@/lib/testing/database";
import { getEstateOverview } from "./get-estate-overview";
import { getRegistryDetail } from "./get-registry-detail";
import { getSyncStatus } from "../../sync/get-sync-status";
import { listRegistries } from "./list-registries";
import { listSyncRuns } from "../../sync/list-sync-runs";
import { sumStoredBytesByRegistry } from "./sum-stored-bytes-by-registry";

const testDb = useTestDatabase();

const GiB = 2n ** 30n;

describe("registry queries", () => {
  it("totals the current estate only and reports the last sync", async () => {
    await createRegistry(testDb.db, {
      name: "one",
      repositoryCount: 3,
      manifestCount: 10,
      tagCount: 12,
      storedBytes: 5n * GiB,
    });
    await createRegistry(testDb.db, {
      name: "two",
      repositoryCount: 2,
      manifestCount: 4,
      tagCount: 4,
      storedBytes: 1n * GiB,
    });
    await createRegistry(testDb.db, {
      name: "old",
      repositoryCount: 99,
      storedBytes: 99n * GiB,
      removedAt: new Date(),
    });
    await createSyncRun(testDb.db, { status: "partial", startedAt: new Date("2026-11-02T00:00:00Z") });
    await createSyncRun(testDb.db, { status: "succeeded", startedAt: new Date("2026-11-01T00:00:00Z") });
    const overview = await getEstateOverview();
    expect(overview).toMatchObject({
      registryCount: 2,
      repositoryCount: 5,
      manifestCount: 14,
      tagCount: 16,
      storedBytes: 6 * 2 ** 30,
    });
    expect(overview.lastSync?.status).toBe("partial");

    const chart = await sumStoredBytesByRegistry({ limit: 1 });
    expect(chart).toEqual({
      registries: [{ name: "one", storedBytes: 5 * 2 ** 30 }],
      otherBytes: 2 ** 30,
      otherCount: 1,
    });
  });

  it("lists registries by name with replicas excluding the home region", async () => {
    await createRegistry(testDb.db, {
      name: "zeta",
      location: "eastus",
      replicaLocations: ["eastus", "westeurope", "japaneast"],
    });
    await createRegistry(testDb.db, { name: "alpha", reportedUsageBytes: 10n });
    const page = await listRegistries({});
    expect(page.rows.map((r) => [r.name, r.replicaCount])).toEqual([
      ["alpha", 0],
      ["zeta", 2],
    ]);
    expect(page.rows[0].reportedUsageBytes).toBe(10);
    expect((await listRegistries({ search: "ZE" })).total).toBe(1);
  });

  it("gives a registry's detail with the gap between reported usage and stored bytes", async () => {
    await createRegistry(testDb.db, {
      name: "main",
      storedBytes: 800n,
      reportedUsageBytes: 1000n,
      tags: { team: "core" },
    });
    const detail = await getRegistryDetail({ name: "main" });
    expect(detail?.storage).toMatchObject({
      storedBytes: 800,
      reportedUsageBytes: 1000,
      usageGapBytes: 200,
      usageGapRatio: 0.2,
    });
    expect(detail?.tags).toEqual({ team: "core" });
    expect(await getRegistryDetail({ name: "absent" })).toBeNull();
  });

  it("shows the running sync with its progress and the last run's errors", async () => {
    await createSyncRun(testDb.db, {
      status: "partial",
      errors: [{ registry: "broken", message: "403 Forbidden" }],
      registryResults: [
        { registryName: "fine", status: "succeeded" },
        { registryName: "broken", status: "failed", error: "403 Forbidden" },
      ],
    });
    await createSyncRun(testDb.db, {
      status: "running",
      startedAt: new Date("2026-11-03T00:00:00Z"),
      progress: {
        phase: "repositories",
        registriesDone: 1,
        registriesTotal: 3,
        repositoriesDone: 10,
        repositoriesTotal: 60,
      },
    });
    const status = await getSyncStatus();
    expect(status.running?.progress).toMatchObject({
      phase: "repositories",
      registriesDone: 1,
      registriesTotal: 3,
      manifestBodiesFetched: null,
    });
    expect(status.latest?.status).toBe("partial");
    expect(status.latest?.registryResults.map((r) => [r.registryName, r.status])).toEqual([
      ["broken", "failed"],
      ["fine", "succeeded"],
    ]);
    const history = await listSyncRuns();
    expect(history.rows.map((r) => [r.status, r.errorCount])).toEqual([
      ["running", 0],
      ["partial", 1],
    ]);
  });
});
