import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/calendar";
import { parsePolicy } from "@/lib/stale/policy";
import { importInUseImages } from "@/lib/in-use/server/import-in-use";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRegistry } from "@/lib/testing/factories";
import { planBudget } from "../plan-budget";
import { listCleanupPlan, planRegistry, type RegistryCleanupPlan } from "./list-cleanup-plan";
import { listPlanRegistries } from "./load-registry-plan-inputs";
import { TEST_ACTOR } from "@/lib/testing/actors";

const AS_OF = new Date("2026-11-01T23:59:59.999Z");
const ago = (days: number) => new Date(AS_OF.getTime() - days * DAY_MS);
const d = (name: string) => `sha256:${name.padEnd(64, "0")}`;
const POLICY = parsePolicy({ olderThanDays: 30, keepLatest: 0, keepPatterns: [], untaggedOlderThanDays: 7 });

let testDb: TestDatabase;

type M = {
  digest: string;
  tags?: [string, number][];
  blobs?: [string, bigint][];
  children?: string[];
  locked?: boolean;
};

async function repository(registryId: number, name: string, manifests: M[], locked = false) {
  const db = testDb.db;
  const repo = await db.repository.create({ data: { registryId, name, deleteEnabled: !locked } });
  for (const m of manifests) {
    await db.manifestContent.upsert({
      where: { digest: d(m.digest) },
      create: { digest: d(m.digest), bodyBytes: 100 },
      update: {},
    });
    await db.manifest.create({
      data: {
        repositoryId: repo.id,
        digest: d(m.digest),
        sizeBytes: 1000n,
        lastUpdatedAt: ago(100),
        writeEnabled: !m.locked,
      },
    });
    for (const [blob, sizeBytes] of m.blobs ?? []) {
      await db.blob.upsert({ where: { digest: d(blob) }, create: { digest: d(blob), sizeBytes }, update: {} });
      await db.manifestBlob.upsert({
        where: { manifestDigest_blobDigest: { manifestDigest: d(m.digest), blobDigest: d(blob) } },
        create: { manifestDigest: d(m.digest), blobDigest: d(blob), kind: "layer" },
        update: {},
      });
    }
    for (const [tag, days] of m.tags ?? [])
      await db.tag.create({
        data: { repositoryId: repo.id, name: tag, digest: d(m.digest), lastUpdatedAt: ago(days) },
      });
  }
  for (const m of manifests) {
    for (const child of m.children ?? []) {
      await db.manifestChild.upsert({
        where: { indexDigest_childDigest: { indexDigest: d(m.digest), childDigest: d(child) } },
        create: { indexDigest: d(m.digest), childDigest: d(child) },
        update: {},
      });
    }
  }
}

const brief = (plan: RegistryCleanupPlan) =>
  plan.items.map(
    (i) =>
      `${i.repository} ${i.action} ${i.digest.slice(7, 13).replace(/0+$/, "")} [${i.tags.join(",")}] ${i.reasonCode}`,
  );

beforeAll(async () => {
  testDb = await createTestDatabase();
  const acme = await createRegistry(testDb.db, { name: "acme" });
  await createRegistry(testDb.db, { name: "gone", removedAt: new Date("2026-10-01T00:00:00Z") });
  const beta = await createRegistry(testDb.db, { name: "beta" });
  await repository(acme.id, "app", [
    {
      digest: "a1",
      tags: [["old", 100]],
      blobs: [
        ["base", 1_000n],
        ["a1l", 10n],
      ],
    },
    { digest: "cafe", tags: [["x-old", 100]], blobs: [["cafel", 7n]] },
    { digest: "1d", tags: [["multi", 100]], children: ["c1", "c2"] },
    { digest: "c1", blobs: [["c1l", 100n]] },
    { digest: "c2", blobs: [["c2l", 200n]] },
    { digest: "b7", tags: [["pinned-tag", 100]], blobs: [["b7l", 5n]] },
  ]);
  // The same image is fresh in another repository: its bytes stay whatever app does.
  await repository(acme.id, "lib", [
    {
      digest: "cafe",
      tags: [["fresh", 1]],
      blobs: [
        ["cafel", 7n],
        ["base", 1_000n],
      ],
    },
  ]);
  await repository(acme.id, "frozen", [{ digest: "f7", tags: [["ancient", 400]], blobs: [["f7l", 3n]] }], true);
  await repository(beta.id, "app", [{ digest: "e7", tags: [["old", 100]], blobs: [["e7l", 9n]] }]);
  await importInUseImages({ cluster: "prod", body: "acme.azurecr.io/app:pinned-tag\n", importedAt: AS_OF }, TEST_ACTOR);
}, 120_000);

afterAll(() => testDb.drop());

describe("listCleanupPlan", () => {
  it("plans registry by registry from the inventory: cascades, shared digests, repository locks, in-use tags, exact bytes", async () => {
    const plans: RegistryCleanupPlan[] = [];
    for await (const plan of listCleanupPlan({ policy: POLICY, asOf: AS_OF })) plans.push(plan);
    expect(plans.map((p) => p.registry)).toEqual(["acme", "beta"]);
    expect(brief(plans[0])).toEqual([
      "app delete 1d [multi] stale-tags",
      "app delete a1 [old] stale-tags",
      "app delete cafe [x-old] stale-tags",
      "app delete c1 [] index-deleted",
      "app delete c2 [] index-deleted",
      "app keep b7 [pinned-tag] in-use",
      "frozen keep f7 [ancient] locked-manifest",
    ]);
    // a1l + c1l + c2l: base and cafel stay for lib's fresh image.
    expect(plans[0].reclaimableBytes).toBe(310n);
    expect(brief(plans[1])).toEqual(["app delete e7 [old] stale-tags"]);
    expect(plans[1].reclaimableBytes).toBe(9n);
  });

  it("is the same plan whatever the number of repositories each read takes", async () => {
    for (const registry of await listPlanRegistries()) {
      const input = { policy: POLICY, asOf: AS_OF };
      const whole = await planRegistry(registry, input, planBudget(60_000), 1_000);
      const oneByOne = await planRegistry(registry, input, planBudget(60_000), 1);
      expect(oneByOne).toEqual(whole);
    }
  });
});
