import { beforeEach, describe, expect, it } from "vitest";
import { listCurrentRepositories } from "@/lib/chargeback/server/list-current-repositories";
import { getReplicationWhatIf } from "@/lib/costs/server/get-replication-what-if";
import { listReplicaCosts } from "@/lib/costs/server/list-replica-costs";
import { listFindings } from "@/lib/findings/server/list-findings";
import { DEFAULT_TREND_SETTINGS } from "@/lib/image-size/image-size";
import { getRegistryByLoginServer } from "@/lib/image-size/server/list-previous-image-sizes";
import { listImageSizeTrends } from "@/lib/image-size/server/list-image-size-trends";
import { importInUseImages } from "@/lib/in-use/server/import-in-use";
import { listInUseImports } from "@/lib/in-use/server/list-in-use-imports";
import { parsePolicy } from "@/lib/stale/policy";
import { listPlanRegistries } from "@/lib/stale/server/load-registry-plan-inputs";
import { summarizeCleanupPlan } from "@/lib/stale/server/summarize-cleanup-plan";
import { listTrendRepositories } from "@/lib/storage-history/server/list-trend-repositories";
import { useTestDatabase } from "@/lib/testing/database";
import { createRegistry } from "@/lib/testing/factories";
import { checkCounts } from "@/lib/verify/server/check-counts";
import { checkSnapshots } from "@/lib/verify/server/check-snapshots";
import { checkStoredBytes } from "@/lib/verify/server/check-stored-bytes";
import { getEstateOverview } from "./get-estate-overview";
import { getRegistryDetail } from "./get-registry-detail";
import { getRepositoryDetail } from "./get-repository-detail";
import { listRegistries } from "./list-registries";
import { listRegistryNames } from "./list-registry-names";
import { listRepositories } from "./list-repositories";
import { sumStoredBytesByRegistry } from "./sum-stored-bytes-by-registry";
import { TEST_ACTOR } from "@/lib/testing/actors";

const testDb = useTestDatabase();

const AS_OF = new Date("2026-11-01T23:59:59.999Z");
const digest = (seed: string) => `sha256:${seed.padEnd(64, "0")}`;

/**
 * Two registries alike in everything but `removedAt`: a Premium registry with a replica, one
 * repository holding one old tagged amd64 image, and counts that disagree with its rows (so the
 * verifier has something to report). Each view must show "kept" and never "gone".
 */
async function seedRegistry(name: string, removedAt: Date | null) {
  const db = testDb.db;
  const registry = await createRegistry(db, {
    name,
    skuName: "Premium",
    location: "eastus",
    replicaLocations: ["eastus", "westeurope"],
    repositoryCount: 5,
    storedBytes: 2n ** 30n,
    adminUserEnabled: true,
    lastSyncedAt: new Date("2026-10-31T00:00:00Z"),
    removedAt,
  });
  await db.registry.update({ where: { id: registry.id }, data: { loginServer: `${name}.example.test` } });
  const repository = await db.repository.create({
    data: { registryId: registry.id, name: "app", attributedBytes: 2n ** 30n, manifestCount: 1, tagCount: 1 },
  });
  const image = digest(`${name}1`);
  const layer = digest(`${name}l`);
  await db.manifestContent.create({ data: { digest: image, bodyBytes: 100 } });
  await db.blob.create({ data: { digest: layer, sizeBytes: 2n ** 30n } });
  await db.manifestBlob.create({ data: { manifestDigest: image, blobDigest: layer, kind: "layer" } });
  const old = new Date("2026-01-01T00:00:00Z");
  await db.manifest.create({
    data: {
      repositoryId: repository.id,
      digest: image,
      sizeBytes: 2n ** 30n,
      architecture: "amd64",
      createdAt: old,
      lastUpdatedAt: old,
      tagCount: 1,
    },
  });
  await db.tag.create({
    data: { repositoryId: repository.id, name: "v1", digest: image, createdAt: old, lastUpdatedAt: old },
  });
}

beforeEach(async () => {
  await seedRegistry("kept", null);
  await seedRegistry("gone", new Date("2026-10-01T00:00:00Z"));
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe("a registry removed from Azure", () => {
  it("is absent from the storage views", async () => {
    expect(names((await listRegistries({})).rows)).toEqual(["kept"]);
    expect(await listRegistryNames({ kind: "all" })).toEqual(["kept"]);
    expect(await getRegistryDetail({ name: "kept" })).not.toBeNull();
    expect(await getRegistryDetail({ name: "gone" })).toBeNull();
    expect(await getRepositoryDetail("kept", "app", { kind: "all" })).not.toBeNull();
    expect(await getRepositoryDetail("gone", "app", { kind: "all" })).toBeNull();
    expect((await listRepositories({}, { kind: "all" })).rows.map((r) => r.registryName)).toEqual(["kept"]);
    expect((await sumStoredBytesByRegistry({})).registries.map((r) => r.name)).toEqual(["kept"]);
    expect((await getEstateOverview()).registryCount).toBe(1);
    expect(await listTrendRepositories({ kind: "all" })).toEqual([{ registry: "kept", repository: "app" }]);
  });

  it("is absent from the cost, findings and chargeback views", async () => {
    expect(names((await listReplicaCosts()).registries)).toEqual(["kept"]);
    expect(await getReplicationWhatIf({ registry: "kept", patterns: "app" })).not.toBeNull();
    expect(await getReplicationWhatIf({ registry: "gone", patterns: "app" })).toBeNull();
    const findings = await listFindings();
    expect(findings.registryCount).toBe(1);
    expect(findings.rows.map((r) => r.registry)).toContain("kept");
    expect(findings.rows.map((r) => r.registry)).not.toContain("gone");
    expect((await listCurrentRepositories()).map((r) => r.registry.name)).toEqual(["kept"]);
  });

  it("is absent from the cleanup plan, the image-size trends and the size gate", async () => {
    expect(names(await listPlanRegistries())).toEqual(["kept"]);
    const policy = parsePolicy({ olderThanDays: 30, keepLatest: 0, keepPatterns: [], untaggedOlderThanDays: 7 });
    const plan = await summarizeCleanupPlan({ access: { kind: "all" }, policy, asOf: AS_OF });
    expect(plan.registries.map((r) => r.registry)).toEqual(["kept"]);
    const series = [];
    for await (const s of listImageSizeTrends({}, DEFAULT_TREND_SETTINGS, { kind: "all" })) series.push(s.registry);
    expect(series).toEqual(["kept"]);
    expect(await getRegistryByLoginServer("kept.example.test")).not.toBeNull();
    expect(await getRegistryByLoginServer("gone.example.test")).toBeNull();
  });

  it("does not count as the inventory for in-use imports", async () => {
    const result = await importInUseImages(
      {
        cluster: "prod",
        body: "kept.example.test/app:v1\ngone.example.test/app:v1\n",
        importedAt: AS_OF,
      },
      TEST_ACTOR,
    );
    expect(result).toMatchObject({ references: 2, acrReferences: 1 });
    expect((await listInUseImports()).map((i) => i.inventoryReferences)).toEqual([1]);
  });

  it("is left out of the verifier's checks, which keep its last figures for history", async () => {
    const client = await testDb.pool.connect();
    try {
      const registries = async () =>
        [...(await checkCounts(client)), ...(await checkStoredBytes(client)), ...(await checkSnapshots(client))].map(
          (v) => v.registry,
        );
      const found = await registries();
      expect(found).toContain("kept");
      expect(found).not.toContain("gone");
    } finally {
      client.release();
    }
  });
});
