/**
 * The Stale tags page and the cleanup-plan CSV read from kept plans (a digest per registry, the
 * items by position) exactly what they compute: every panel of a page, a filter, a member's scope,
 * and the CSV row for row, over more items than one read chunk.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { currentUtcDay } from "@/lib/calendar";
import { saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import type { PlanItem } from "@/lib/stale/decide";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { matchesPlanItem } from "@/lib/stale/plan-filter";
import { cleanupPlanReport } from "@/lib/stale/cleanup-plan-report";
import { TEST_ACTOR } from "@/lib/testing/actors";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { fillPlanEstate } from "@/lib/testing/plan-estate";
import { viaRoute } from "@/lib/testing/report-test-io";
import { KEPT_ITEMS_CHUNK, KeptPlanChanged, readKeptSegments } from "./kept-plan-items";
import { listPlanSources } from "./derived-cleanup-plan";
import { listCleanupPlan } from "./list-cleanup-plan";
import { resolvePolicy } from "./resolve-policy";
import { planFilterSchema, summarizeCleanupPlan } from "./summarize-cleanup-plan";

const ALL: Access = { kind: "all" };
const MEMBER: Access = { kind: "teams", teams: ["team-a"] };
const AS_OF = planAsOf(currentUtcDay());

let testDb: TestDatabase;

const today = async () => ({ policy: await resolvePolicy(undefined), asOf: AS_OF });

async function forgetKept() {
  await testDb.pool.query("DELETE FROM registry_derived WHERE kind = 'cleanup-plan'");
  await testDb.pool.query("DELETE FROM cleanup_plan_items");
}

async function keptItemCount(): Promise<number> {
  const { rows } = await testDb.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cleanup_plan_items");
  return rows[0].n;
}

async function computedItems(): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for await (const plan of listCleanupPlan(await today())) items.push(...plan.items);
  return items;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await fillPlanEstate(
    testDb.pool,
    [
      { name: "alpha", repositories: 30, manifests: 240 },
      { name: "beta", repositories: 7, manifests: 40 },
    ],
    AS_OF,
  );
  // team-a owns the team-0/* repositories, so it shares alpha's deletes with unallocated ones.
  await saveChargebackConfig(
    JSON.stringify({ rules: [{ registry: "*", repository: "team-0/**", team: "team-a" }] }),
    TEST_ACTOR,
  );
}, 120_000);

afterAll(() => testDb.drop());

describe("kept cleanup plans", () => {
  it("the page reads what it computes: every panel, for pages, filters and a member", async () => {
    const all = await computedItems();
    expect(all.filter((i) => i.registry === "alpha").length).toBeGreaterThan(KEPT_ITEMS_CHUNK);
    const cases: [Access, Record<string, string>][] = [
      [ALL, {}],
      [ALL, { page: "7" }],
      [ALL, { action: "delete", page: "3" }],
      [ALL, { action: "keep", reason: "locked-manifest" }],
      [ALL, { registry: "beta", page: "2" }],
      [ALL, { repository: "SVC-0001", action: "untag" }],
      [ALL, { repositoryPage: "2" }],
      [MEMBER, {}],
      [MEMBER, { action: "untag", page: "2" }],
    ];
    for (const [access, raw] of cases) {
      const filter = planFilterSchema.parse(raw);
      const input = { ...(await today()), access, filter };
      await forgetKept();
      const computed = await summarizeCleanupPlan(input);
      expect(await keptItemCount(), "the first view keeps the plan it computed").toBe(all.length);
      const kept = await summarizeCleanupPlan(input);
      expect(kept, JSON.stringify(raw)).toEqual(computed);
      expect(kept.items.rows.length, JSON.stringify(raw)).toBeGreaterThan(0);
      if (access.kind === "all") {
        const matching = all.filter((i) => matchesPlanItem(i, filter));
        const start = (filter.page - 1) * 50;
        expect(kept.items.total).toBe(matching.length);
        expect(kept.items.rows.map((i) => [i.registry, i.digest, i.action, i.tags])).toEqual(
          matching.slice(start, start + 50).map((i) => [i.registry, i.digest, i.action, i.tags]),
        );
      } else {
        expect(kept.items.rows.every((i) => i.repository.startsWith("team-0/"))).toBe(true);
        expect(kept.registries.find((r) => r.registry === "alpha")?.reclaimableBytes).toBe(0);
      }
    }
    expect((await summarizeCleanupPlan({ ...(await today()), access: ALL })).totals.reclaimableBytes).toBeGreaterThan(
      0,
    );
  }, 240_000);

  it("a kept page is read from the kept items, and a plan replaced meanwhile is read again", async () => {
    const input = { ...(await today()), access: ALL };
    const before = await summarizeCleanupPlan(input);
    const first = before.items.rows[0];
    const { rows } = await testDb.pool.query<{ registryId: number }>(
      `SELECT registry_id AS "registryId" FROM cleanup_plan_items WHERE position = 0 AND digest = $1`,
      [first.digest],
    );
    await testDb.pool.query(
      "UPDATE cleanup_plan_items SET digest = 'sha256:kept' WHERE registry_id = $1 AND position = 0",
      [rows[0].registryId],
    );
    expect((await summarizeCleanupPlan(input)).items.rows[0].digest).toBe("sha256:kept");

    // Digests read before the plan was kept again name items that are gone.
    const stale = (await listPlanSources(await today())).find((s) => s.kind === "kept")!;
    await forgetKept();
    await summarizeCleanupPlan(input);
    const run = stale.registry.digest.runs[0];
    await expect(
      readKeptSegments([{ source: stale.registry, run, matching: run.rows, skip: 0, take: 1 }], {}),
    ).rejects.toBeInstanceOf(KeptPlanChanged);
    expect((await summarizeCleanupPlan(input)).items.rows[0].digest).toBe(first.digest);
  }, 120_000);

  it("the CSV streams the kept plans row for row as computed, filtered and for a member", async () => {
    const all = await computedItems();
    await forgetKept();
    const computed = await viaRoute("/api/reports/cleanup-plan.csv");
    expect(await keptItemCount()).toBe(all.length);
    const kept = await viaRoute("/api/reports/cleanup-plan.csv");
    expect(kept.status).toBe(200);
    expect(kept.body).toBe(computed.body);
    const lines = kept.body.trimEnd().split("\n").slice(1);
    expect(lines.map((line) => line.split(",")[2])).toEqual(all.map((i) => i.digest));

    const filtered = await viaRoute("/api/reports/cleanup-plan.csv?action=delete&repository=svc-0002");
    expect(
      filtered.body
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",")[2]),
    ).toEqual(all.filter((i) => matchesPlanItem(i, { action: "delete", repository: "svc-0002" })).map((i) => i.digest));

    const member: string[] = [];
    for await (const row of cleanupPlanReport.open({}, MEMBER)) member.push(String(row.digest));
    expect(member).toEqual(all.filter((i) => i.repository.startsWith("team-0/")).map((i) => i.digest));
  }, 120_000);
});
