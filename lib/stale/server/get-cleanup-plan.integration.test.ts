import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/calendar";
import { parsePolicy } from "@/lib/stale/policy";
import { importInUseImages } from "@/lib/in-use/server/import-in-use";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRegistry, createSyncRun } from "@/lib/testing/factories";
import { getCleanupPlan } from "./get-cleanup-plan";
import { listCleanupPlan, type RegistryCleanupPlan } from "./list-cleanup-plan";
import { TEST_ACTOR } from "@/lib/testing/actors";

const AS_OF = new Date("2026-11-01T23:59:59.999Z");
const ago = (days: number) => new Date(AS_OF.getTime() - days * DAY_MS);
const d = (name: string) => `sha256:${name.padEnd(64, "0")}`;
const POLICY = parsePolicy({ olderThanDays: 30, keepLatest: 0, keepPatterns: [], untaggedOlderThanDays: 7 });

let testDb: TestDatabase;
let repositoryId: number;

async function manifest(digest: string, tag: string, days: number) {
  const db = testDb.db;
  await db.manifestContent.create({ data: { digest: d(digest), bodyBytes: 100 } });
  await db.manifest.create({ data: { repositoryId, digest: d(digest), sizeBytes: 1000n, lastUpdatedAt: ago(days) } });
  await db.blob.create({ data: { digest: d(`b${digest}`), sizeBytes: 10n } });
  await db.manifestBlob.create({ data: { manifestDigest: d(digest), blobDigest: d(`b${digest}`), kind: "layer" } });
  await db.tag.create({ data: { repositoryId, name: tag, digest: d(digest), lastUpdatedAt: ago(days) } });
}

const uncached = async (policy = POLICY) => {
  const registries: RegistryCleanupPlan[] = [];
  for await (const registry of listCleanupPlan({ policy, asOf: AS_OF })) registries.push(registry);
  return registries;
};
const actions = (registries: readonly RegistryCleanupPlan[]) =>
  registries.flatMap((r) => r.items.map((i) => `${i.tags.join(",")} ${i.action} ${i.reasonCode}`));

beforeAll(async () => {
  testDb = await createTestDatabase();
  const registry = await createRegistry(testDb.db, { name: "acme" });
  repositoryId = (await testDb.db.repository.create({ data: { registryId: registry.id, name: "app" } })).id;
  await manifest("a1", "old", 100);
  await manifest("a2", "fresh", 1);
  await createSyncRun(testDb.db);
}, 120_000);

afterAll(() => testDb.drop());

describe("getCleanupPlan", () => {
  it("computes the plan listCleanupPlan streams, once per inputs: concurrent and repeated reads share it", async () => {
    const [first, second] = await Promise.all([
      getCleanupPlan({ policy: POLICY, asOf: AS_OF }),
      getCleanupPlan({ policy: POLICY, asOf: AS_OF }),
    ]);
    expect(second).toBe(first);
    expect(first.registries).toEqual(await uncached());
    expect(actions(first.registries)).toEqual(["old delete stale-tags"]);
    // The same policy spelt differently is the same canonical document, so the same plan.
    const respelt = parsePolicy(
      JSON.parse(JSON.stringify({ untaggedOlderThanDays: 7, keepPatterns: [], keepLatest: 0, olderThanDays: 30 })),
    );
    expect(await getCleanupPlan({ policy: respelt, asOf: AS_OF })).toBe(first);
  });

  it("a different policy or as-of day is another plan", async () => {
    const base = await getCleanupPlan({ policy: POLICY, asOf: AS_OF });
    const lenient = parsePolicy({ olderThanDays: 365 });
    const other = await getCleanupPlan({ policy: lenient, asOf: AS_OF });
    expect(other).not.toBe(base);
    expect(other.registries).toEqual(await uncached(lenient));
    const earlier = await getCleanupPlan({ policy: POLICY, asOf: new Date("2026-10-01T23:59:59.999Z") });
    expect(earlier).not.toBe(base);
    expect(await getCleanupPlan({ policy: POLICY, asOf: AS_OF })).toBe(base);
  });

  it("an in-use import yields a fresh plan in which the image is kept", async () => {
    const before = await getCleanupPlan({ policy: POLICY, asOf: AS_OF });
    await importInUseImages({ cluster: "prod", body: `acme.azurecr.io/app@${d("a1")}\n` }, TEST_ACTOR);
    const after = await getCleanupPlan({ policy: POLICY, asOf: AS_OF });
    expect(after).not.toBe(before);
    expect(actions(after.registries)).toEqual(["old keep in-use"]);
    expect(after.registries).toEqual(await uncached());
    // A re-import of the cluster replaces its import: fresh again, back to the delete.
    await importInUseImages({ cluster: "prod", body: "acme.azurecr.io/app:fresh\n" }, TEST_ACTOR);
    expect(actions((await getCleanupPlan({ policy: POLICY, asOf: AS_OF })).registries)).toEqual([
      "old delete stale-tags",
    ]);
  });

  it("a new sync yields a fresh plan of the new inventory", async () => {
    const before = await getCleanupPlan({ policy: POLICY, asOf: AS_OF });
    await manifest("a3", "older", 200);
    await createSyncRun(testDb.db, { startedAt: new Date("2026-11-01T06:00:00.000Z") });
    const after = await getCleanupPlan({ policy: POLICY, asOf: AS_OF });
    expect(after).not.toBe(before);
    expect(actions(after.registries).sort()).toEqual(["old delete stale-tags", "older delete stale-tags"]);
    expect(after.registries).toEqual(await uncached());
  });
});
