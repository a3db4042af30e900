/**
 * The Stale tags page's warm reads reuse what did not change (each kept digest decoded once per
 * version of its row, the tally once per inputs, the in-use fingerprints once per import) and show
 * at once what did: the same summary as a process that held nothing, after every kind of change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { repositoryScope } from "@/lib/auth/server/team-scope";
import { currentUtcDay } from "@/lib/calendar";
import { ownerResolver } from "@/lib/chargeback/ownership";
import { getChargebackConfig, saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import { getPricing } from "@/lib/costs/server/get-pricing";
import { listFreshDerivedVersions } from "@/lib/database/registry-derived";
import { importInUseImages } from "@/lib/in-use/server/import-in-use";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { TEST_ACTOR } from "@/lib/testing/actors";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { fillPlanEstate } from "@/lib/testing/plan-estate";
import { listPlanSources } from "./derived-cleanup-plan";
import { resolvePolicy } from "./resolve-policy";
import { planFilterSchema, summarizeCleanupPlan } from "./summarize-cleanup-plan";
import { tallyPlan, tallyPlanCached, type RegistryShape } from "./tally-cleanup-plan";

const ALL: Access = { kind: "all" };
const AS_OF = planAsOf(currentUtcDay());

let testDb: TestDatabase;
let registryIds: number[];

const today = async () => ({ policy: await resolvePolicy(undefined), asOf: AS_OF });
const summary = async (access: Access = ALL) => summarizeCleanupPlan({ ...(await today()), access });

/** What a process that held nothing reads: the page's in-process holdings emptied first. */
async function cold(access: Access = ALL) {
  const held = globalThis as Record<string, unknown>;
  for (const name of ["KeptDigests", "PlanTallies", "InUseFingerprints", "ComputedPlans"])
    (held[`__registryLedger${name}`] as { clear(): void } | undefined)?.clear();
  return summary(access);
}

async function keptVersions(): Promise<Map<number, string>> {
  const { rows } = await testDb.pool.query<{ id: number; key: string }>(
    "SELECT registry_id AS id, key FROM registry_derived WHERE kind = 'cleanup-plan'",
  );
  const fresh = await listFreshDerivedVersions("cleanup-plan", new Map(rows.map((r) => [r.id, r.key])));
  return new Map([...fresh].map(([id, row]) => [id, row.version]));
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  registryIds = await fillPlanEstate(
    testDb.pool,
    [
      { name: "alpha", repositories: 12, manifests: 60 },
      { name: "beta", repositories: 5, manifests: 30 },
    ],
    AS_OF,
  );
  await saveChargebackConfig(
    JSON.stringify({ rules: [{ registry: "*", repository: "team-0/**", team: "team-a" }] }),
    TEST_ACTOR,
  );
  await summary(); // the first view keeps both plans
}, 120_000);

afterAll(() => testDb.drop());

describe("the Stale tags page's reuse", () => {
  it("reads a kept digest's body only for a version it does not hold", async () => {
    const versions = await keptVersions();
    expect([...versions.keys()].sort()).toEqual([...registryIds].sort());
    const { rows } = await testDb.pool.query<{ id: number; key: string }>(
      "SELECT registry_id AS id, key FROM registry_derived WHERE kind = 'cleanup-plan'",
    );
    const keys = new Map(rows.map((r) => [r.id, r.key]));
    const [alpha, beta] = registryIds;
    const fresh = await listFreshDerivedVersions("cleanup-plan", keys, new Map([[alpha, versions.get(alpha)!]]));
    expect(fresh.get(alpha)).toEqual({ version: versions.get(alpha), body: null });
    expect(fresh.get(beta)?.body).toMatch(/^\{/);
    // Any write of the row is a new version, even one that leaves it as it was.
    await testDb.pool.query("UPDATE registry_derived SET body = body WHERE registry_id = $1", [alpha]);
    const after = await listFreshDerivedVersions("cleanup-plan", keys, new Map([[alpha, versions.get(alpha)!]]));
    expect(after.get(alpha)?.version).not.toBe(versions.get(alpha));
    expect(after.get(alpha)?.body).toMatch(/^\{/);
  });

  it("tallies once per inputs: the same plans and inputs give the held tally, any other input its own", async () => {
    const [pricing, { config }, scope] = await Promise.all([getPricing(), getChargebackConfig(), repositoryScope(ALL)]);
    const { rows } = await testDb.pool.query<RegistryShape & { sku_name: string; stored_bytes: string }>(
      "SELECT name, sku_name, location, stored_bytes, tags FROM registries ORDER BY id",
    );
    const shapes = () =>
      new Map(
        rows.map((r) => [
          r.name,
          [
            {
              name: r.name,
              skuName: r.sku_name,
              location: r.location,
              storedBytes: BigInt(r.stored_bytes),
              tags: r.tags,
              replications: [],
            },
          ],
        ]),
      );
    const inputs = (raw: Record<string, string> = {}) => ({
      filter: planFilterSchema.parse(raw),
      scope,
      shapes: shapes(),
      config,
      pricing,
      asOf: AS_OF,
    });
    const sources = await listPlanSources(await today());
    expect(sources.every((s) => s.kind === "kept")).toBe(true);
    const first = tallyPlanCached(sources, inputs());
    expect(tallyPlanCached(await listPlanSources(await today()), inputs())).toBe(first);
    const { filter, shapes: direct } = inputs();
    expect(first).toEqual(
      tallyPlan(sources, { filter, scope, shapes: direct, owner: ownerResolver(config), pricing, asOf: AS_OF }),
    );
    const deletes = tallyPlanCached(sources, inputs({ action: "delete" }));
    expect(deletes).not.toBe(first);
    expect(deletes.itemTotal).toBeLessThan(first.itemTotal);
    // Page numbers are not the tally's: the same one.
    expect(tallyPlanCached(sources, inputs({ page: "2", repositoryPage: "2" }))).toBe(first);
  });

  it("shows at once what changed: stored bytes, ownership rules, a plan kept again, an in-use import", async () => {
    const warm = await summary();
    expect(await summary()).toEqual(warm);
    expect(warm).toEqual(await cold());

    await testDb.pool.query("UPDATE registries SET stored_bytes = stored_bytes * 3 WHERE id = $1", [registryIds[0]]);
    const bytes = await summary();
    expect(bytes.registries[0].storedBytes).toBe(warm.registries[0].storedBytes * 3);
    expect(bytes).toEqual(await cold());

    await saveChargebackConfig(
      JSON.stringify({ rules: [{ registry: "*", repository: "team-1/**", team: "team-b" }] }),
      TEST_ACTOR,
    );
    const rules = await summary();
    expect(rules.teams.map((t) => t.team).sort()).toEqual(["team-b", "unallocated"]);
    expect(rules).toEqual(await cold());
    const member = await summary({ kind: "teams", teams: ["team-b"] });
    expect(member.items.rows.every((i) => i.repository.startsWith("team-1/"))).toBe(true);
    expect(member).toEqual(await cold({ kind: "teams", teams: ["team-b"] }));

    // Kept again under new plan ids (the items rewritten), the page reads the new ones.
    const before = await keptVersions();
    await testDb.pool.query("DELETE FROM registry_derived WHERE kind = 'cleanup-plan'");
    await testDb.pool.query("DELETE FROM cleanup_plan_items");
    expect(await summary()).toEqual(rules);
    const again = await keptVersions();
    for (const id of registryIds) expect(again.get(id)).not.toBe(before.get(id));
    expect(await summary()).toEqual(rules);

    // A cluster running the first deleted image: kept as in use from the next view on.
    const deleted = rules.items.rows.find((i) => i.action === "delete")!;
    await importInUseImages(
      { cluster: "prod", body: `${deleted.registry}.azurecr.io/${deleted.repository}@${deleted.digest}\n` },
      TEST_ACTOR,
    );
    const inUse = await summary();
    expect(inUse.totals.manifestsDeleted).toBe(rules.totals.manifestsDeleted - 1);
    expect(inUse).toEqual(await cold());
  }, 120_000);
});
