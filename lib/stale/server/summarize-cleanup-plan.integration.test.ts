import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/calendar";
import { resetChargebackConfig, saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import { parsePolicy } from "@/lib/stale/policy";
import { countPlan } from "@/lib/stale/script";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { viaRoute } from "@/lib/testing/report-test-io";
import { createRegistry } from "@/lib/testing/factories";
import { listCleanupPlan } from "./list-cleanup-plan";
import { planFilterSchema, summarizeCleanupPlan } from "./summarize-cleanup-plan";
import { TEST_ACTOR } from "@/lib/testing/actors";

const AS_OF = new Date("2026-11-01T23:59:59.999Z");
const GIB = 1n << 30n;
const ago = (days: number) => new Date(AS_OF.getTime() - days * DAY_MS);
const d = (name: string) => `sha256:${name.padEnd(64, "0")}`;
const POLICY = parsePolicy({ olderThanDays: 30, keepLatest: 0, keepPatterns: [], untaggedOlderThanDays: 7 });

let testDb: TestDatabase;

type M = { digest: string; tags: [string, number][]; blobBytes: bigint; locked?: boolean };

async function repository(registryId: number, name: string, manifests: M[]) {
  const db = testDb.db;
  const repo = await db.repository.create({ data: { registryId, name } });
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
        sizeBytes: m.blobBytes,
        lastUpdatedAt: ago(100),
        writeEnabled: !m.locked,
      },
    });
    await db.blob.create({ data: { digest: d(`b${m.digest}`), sizeBytes: m.blobBytes } });
    await db.manifestBlob.create({
      data: { manifestDigest: d(m.digest), blobDigest: d(`b${m.digest}`), kind: "layer" },
    });
    for (const [tag, days] of m.tags)
      await db.tag.create({
        data: { repositoryId: repo.id, name: tag, digest: d(m.digest), lastUpdatedAt: ago(days) },
      });
  }
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  // Standard includes 100 GiB: big is 150 GiB above it, small is far below.
  const big = await createRegistry(testDb.db, { name: "big", skuName: "Standard", storedBytes: 250n * GIB });
  const small = await createRegistry(testDb.db, { name: "small", skuName: "Basic", storedBytes: GIB });
  await repository(big.id, "app", [
    { digest: "a1", tags: [["old", 100]], blobBytes: 20n * GIB },
    {
      digest: "a2",
      tags: [
        ["older", 100],
        ["fresh", 1],
      ],
      blobBytes: 5n,
    },
    { digest: "a3", tags: [["frozen", 100]], blobBytes: 7n, locked: true },
  ]);
  await repository(big.id, "web", [{ digest: "c1", tags: [["stale", 90]], blobBytes: 10n * GIB }]);
  await repository(small.id, "app", [{ digest: "e1", tags: [["old", 100]], blobBytes: 9n }]);
}, 120_000);

afterAll(() => testDb.drop());

describe("summarizeCleanupPlan", () => {
  it("totals equal the plan the CSV is written from, per registry bytes and savings with the under-included note", async () => {
    const items = [];
    for await (const plan of listCleanupPlan({ policy: POLICY, asOf: AS_OF })) items.push(...plan.items);
    const counts = countPlan(items);

    const summary = await summarizeCleanupPlan({ access: { kind: "all" }, policy: POLICY, asOf: AS_OF });
    expect(summary.totals).toMatchObject({
      manifestsDeleted: counts.manifestsDeleted,
      tagsDeleted: counts.tagsDeleted,
      tagsUntagged: counts.tagsUntagged,
      keepRows: counts.keepRows,
      deleteRows: 3,
      untagRows: 1,
      tagsKept: 1,
      reclaimableBytes: Number(30n * GIB + 9n),
      // 30 GiB less above big's included 100 GiB at 0.10 per GiB-month; small saves nothing.
      savingMicros: "3000000",
    });
    expect(summary.currency).toBe("USD");
    expect(summary.registries.map((r) => [r.registry, r.reclaimableBytes, r.savingMicros, r.savingNote])).toEqual([
      ["big", Number(30n * GIB), "3000000", null],
      ["small", 9, "0", "under-included"],
    ]);
    expect(summary.registries[1].savingNoteText).toBe("under the included 10 GiB: no storage saving");
    expect(
      summary.repositories.rows.map((r) => [r.registry, r.repository, r.manifestsDeleted, r.deletedManifestBytes]),
    ).toEqual([
      ["big", "app", 1, Number(20n * GIB)],
      ["big", "web", 1, Number(10n * GIB)],
      ["small", "app", 1, 9],
    ]);
    expect(summary.items.total).toBe(items.length);
  });

  it("groups the plan by owning team once a team owns something, the teams adding up to the totals", async () => {
    expect((await summarizeCleanupPlan({ access: { kind: "all" }, policy: POLICY, asOf: AS_OF })).teams).toEqual([]);
    await saveChargebackConfig(
      JSON.stringify({ rules: [{ registry: "big", repository: "app", team: "apps" }] }),
      TEST_ACTOR,
    );
    try {
      const summary = await summarizeCleanupPlan({ access: { kind: "all" }, policy: POLICY, asOf: AS_OF });
      expect(summary.teams.map((t) => [t.team, t.repositories, t.manifestsDeleted, t.deletedManifestBytes])).toEqual([
        ["apps", 1, 1, Number(20n * GIB)],
        ["unallocated", 2, 2, Number(10n * GIB) + 9],
      ]);
      for (const field of ["manifestsDeleted", "tagsDeleted", "tagsUntagged", "tagsKept", "keepRows"] as const) {
        expect(summary.teams.reduce((sum, t) => sum + t[field], 0)).toBe(summary.totals[field]);
      }
    } finally {
      await resetChargebackConfig(TEST_ACTOR);
    }
  });

  it("filters the items by registry, repository substring and action; totals stay the whole plan's", async () => {
    const summary = await summarizeCleanupPlan({
      access: { kind: "all" },
      policy: POLICY,
      asOf: AS_OF,
      filter: { registry: "big", repository: "AP", action: "untag" },
    });
    expect(summary.items.rows.map((i) => [i.registry, i.repository, i.action, i.tags])).toEqual([
      ["big", "app", "untag", ["older"]],
    ]);
    expect(summary.repositories.rows.map((r) => r.repository)).toEqual(["app"]);
    expect(summary.totals.deleteRows).toBe(3);
    const keeps = await summarizeCleanupPlan({
      access: { kind: "all" },
      policy: POLICY,
      asOf: AS_OF,
      filter: { action: "keep" },
    });
    expect(keeps.items.rows.map((i) => [i.repository, i.reasonCode])).toEqual([["app", "locked-manifest"]]);
  });

  it("filters by reason code, and the CSV with the same filters holds exactly the page's items", async () => {
    const byReason = await summarizeCleanupPlan({
      access: { kind: "all" },
      policy: POLICY,
      asOf: AS_OF,
      filter: { reason: "stale-tags", repository: "app" },
    });
    expect(byReason.items.rows.map((i) => [i.registry, i.repository, i.action, i.reasonCode])).toEqual([
      ["big", "app", "delete", "stale-tags"],
      ["small", "app", "delete", "stale-tags"],
    ]);
    // An unknown reason in a hand-edited URL means no reason filter on the page.
    expect(planFilterSchema.parse({ reason: "nonsense", action: "burn" })).toMatchObject({
      reason: undefined,
      action: undefined,
    });

    const policy = encodeURIComponent(JSON.stringify(POLICY));
    const filters: Record<string, string>[] = [
      { reason: "stale-tags", repository: "app" },
      { registry: "big", action: "untag" },
      { action: "keep", reason: "locked-manifest" },
      { registry: "small" },
    ];
    for (const filter of filters) {
      const page = await summarizeCleanupPlan({
        access: { kind: "all" },
        policy: POLICY,
        asOf: AS_OF,
        filter: planFilterSchema.parse(filter),
      });
      const query = new URLSearchParams({ "as-of": "2026-11-01", ...filter }).toString();
      const csv = await viaRoute(`/api/reports/cleanup-plan.csv?${query}&policy=${policy}`);
      expect(csv.status).toBe(200);
      const rows = csv.body
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",").slice(0, 5));
      expect(rows, query).toEqual(
        page.items.rows.map((i) => [i.registry, i.repository, i.digest, i.tags.join(" "), i.action]),
      );
      expect(rows.length).toBeGreaterThan(0);
    }
    const badReason = await viaRoute(`/api/reports/cleanup-plan.csv?reason=nonsense&policy=${policy}`);
    expect(badReason.status).toBe(422);
    expect(JSON.parse(badReason.body).message).toContain('Invalid option "reason"');
    const script = await viaRoute(`/api/reports/cleanup-plan.csv?format=script&registry=big&policy=${policy}`);
    expect(script.status).toBe(422);
    expect(JSON.parse(script.body).message).toMatch(/"registry".*the script is always the whole plan/);
  });
});
