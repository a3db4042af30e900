/**
 * What the sync keeps per registry (cleanup plan, size regressions) against what the pages would
 * compute from the same database: equal item for item and byte for byte, for every access; read
 * while current, recomputed when a policy is saved, in-use images are imported, the inventory moves
 * on, or a row is not the one its registry's token names.
 */
import { describe, expect, it } from "vitest";
import type { Access } from "../auth/access";
import { currentUtcDay } from "../calendar";
import { saveChargebackConfig } from "../chargeback/server/config-store";
import { readInventoryState, storeDerived } from "../database/registry-derived";
import { DEFAULT_TREND_SETTINGS } from "../image-size/image-size";
import { parseBaseline, parseMaxGrowth } from "../image-size/settings";
import { listComputedSizeRegressions, listSizeRegressions } from "../image-size/server/list-size-regressions";
import { importInUseImages } from "../in-use/server/import-in-use";
import { planAsOf } from "../stale/plan-as-of";
import { decodePlanDigest, encodePlanDigest } from "../stale/plan-codec";
import type { Policy } from "../stale/policy";
import { listDerivedCleanupPlan } from "../stale/server/derived-cleanup-plan";
import { getCleanupPlan } from "../stale/server/get-cleanup-plan";
import { listCleanupPlan, type RegistryCleanupPlan } from "../stale/server/list-cleanup-plan";
import { savePolicy } from "../stale/server/policy-store";
import { resolvePolicy } from "../stale/server/resolve-policy";
import { TEST_ACTOR } from "../testing/actors";
import { useSyncedEstate } from "../testing/synced-estate";
import { keepDerivedFigures } from "./keep-derived";

const ALL: Access = { kind: "all" };
const MEMBER: Access = { kind: "teams", teams: ["team-a"] };

// At today's date: the sync keeps what the pages show by default (today's plan).
const estate = useSyncedEstate();
const { sync } = estate;

type Row = { registryId: number; kind: string; key: string; token: string; computedAt: Date; body: string };

async function derivedRows(): Promise<Row[]> {
  const { rows } = await estate.testDb.pool.query<Row>(
    `SELECT registry_id AS "registryId", kind, key, inventory_token::text AS token, computed_at AS "computedAt", body
       FROM registry_derived ORDER BY registry_id, kind`,
  );
  return rows;
}

async function registryTokens(): Promise<Map<number, string>> {
  const { rows } = await estate.testDb.pool.query<{ id: number; token: string }>(
    "SELECT id, inventory_token::text AS token FROM registries WHERE removed_at IS NULL",
  );
  return new Map(rows.map((r) => [r.id, r.token]));
}

const todayInput = async (policy?: Policy) => ({
  policy: policy ?? (await resolvePolicy(undefined)),
  asOf: planAsOf(currentUtcDay()),
});

async function computedPlan(input: { policy: Policy; asOf: Date }): Promise<RegistryCleanupPlan[]> {
  const registries: RegistryCleanupPlan[] = [];
  for await (const registry of listCleanupPlan(input)) registries.push(registry);
  return registries;
}

const itemCount = (plan: readonly RegistryCleanupPlan[]) => plan.reduce((n, r) => n + r.items.length, 0);

describe("figures the sync keeps per registry", () => {
  it("the sync keeps every registry's plan and regressions, and they are what the pages would compute", async () => {
    const tokens = await registryTokens();
    const rows = await derivedRows();
    expect(rows.map((r) => [r.registryId, r.kind])).toEqual(
      [...tokens.keys()]
        .sort((a, b) => a - b)
        .flatMap((id) => [
          [id, "cleanup-plan"],
          [id, "size-regressions"],
        ]),
    );
    for (const row of rows) expect(row.token).toBe(tokens.get(row.registryId));

    const input = await todayInput();
    const derived = await listDerivedCleanupPlan(input);
    const computed = await computedPlan(input);
    expect(itemCount(computed)).toBeGreaterThan(100);
    expect(computed.some((r) => r.reclaimableBytes > 0n)).toBe(true);
    expect(derived).toEqual(computed);
    expect((await getCleanupPlan(input)).registries).toEqual(computed);
    // Read, not computed again: no row was rewritten.
    expect(await derivedRows()).toEqual(rows);

    const regressions = await listSizeRegressions({}, DEFAULT_TREND_SETTINGS, ALL);
    expect(regressions.length).toBeGreaterThan(0);
    expect(regressions).toEqual(await listComputedSizeRegressions({}, DEFAULT_TREND_SETTINGS, ALL));
    expect(await derivedRows()).toEqual(rows);
  });

  it("a team member's regressions are the computed ones of its repositories; other settings are computed", async () => {
    const { rows } = await estate.testDb.pool.query<{ name: string }>(
      "SELECT name FROM registries WHERE removed_at IS NULL ORDER BY name",
    );
    const rules = [{ registry: rows[0].name, repository: "**", team: "team-a" }];
    await saveChargebackConfig(
      JSON.stringify({ teams: [{ name: "team-a" }], rules, fixedFees: { default: "even", byRegistry: {} } }),
      TEST_ACTOR,
    );
    const member = await listSizeRegressions({}, DEFAULT_TREND_SETTINGS, MEMBER);
    expect(member).toEqual(await listComputedSizeRegressions({}, DEFAULT_TREND_SETTINGS, MEMBER));
    expect(member.every((r) => r.registry === rows[0].name)).toBe(true);
    expect(member.length).toBeLessThan((await listSizeRegressions({}, DEFAULT_TREND_SETTINGS, ALL)).length);

    const strict = { baseline: parseBaseline("previous"), maxGrowth: parseMaxGrowth("1%") };
    const before = await derivedRows();
    expect(await listSizeRegressions({}, strict, ALL)).toEqual(await listComputedSizeRegressions({}, strict, ALL));
    // Only the default settings are kept: other settings never displace them.
    expect(await derivedRows()).toEqual(before);
  });

  it("a sync that changed nothing leaves every row as it is; one that writes the same inventory again carries them over to the new token without computing them", async () => {
    const unwritten = await derivedRows();
    expect((await sync()).repositoriesListed).toBe(0);
    expect(await derivedRows()).toEqual(unwritten); // nothing written: the tokens did not move
    // Another writer's token: the next sync writes every registry again, its rows unchanged.
    await estate.testDb.pool.query("UPDATE registries SET inventory_token = gen_random_uuid()");
    const before = await derivedRows();
    const summary = await sync();
    expect(summary.repositoriesListed).toBe(0);
    const tokens = await registryTokens();
    const after = await derivedRows();
    expect(after.map((r) => r.token)).toEqual(after.map((r) => tokens.get(r.registryId)));
    expect(after.map((r) => r.token)).not.toEqual(before.map((r) => r.token));
    expect(after.map(({ token: _, ...r }) => r)).toEqual(before.map(({ token: _, ...r }) => r));
    const input = await todayInput();
    expect(await listDerivedCleanupPlan(input)).toEqual(await computedPlan(input));
  });

  it("a sync that changed a registry computes its rows again, equal to the computed figures", async () => {
    const before = new Map((await derivedRows()).map((r) => [`${r.registryId} ${r.kind}`, r]));
    await estate.sim.setDate(new Date());
    const summary = await sync();
    expect(summary.repositoriesListed).toBeGreaterThan(0);
    const after = await derivedRows();
    const recomputed = after.filter(
      (r) => r.computedAt.getTime() !== before.get(`${r.registryId} ${r.kind}`)?.computedAt.getTime(),
    );
    expect(recomputed.length).toBeGreaterThan(0);
    const input = await todayInput();
    expect(await listDerivedCleanupPlan(input)).toEqual(await computedPlan(input));
    expect(await listSizeRegressions({}, DEFAULT_TREND_SETTINGS, ALL)).toEqual(
      await listComputedSizeRegressions({}, DEFAULT_TREND_SETTINGS, ALL),
    );
    expect(await derivedRows()).toEqual(after);
  });

  it("a saved policy is another key: the plan is computed afresh, equal to the computed one, and kept for the next view", async () => {
    const before = await derivedRows();
    const saved = await savePolicy(
      JSON.stringify({ olderThanDays: 3, keepLatest: 1, keepPatterns: ["^release-"], untaggedOlderThanDays: 1 }),
      TEST_ACTOR,
    );
    const input = await todayInput(saved.policy);
    const computed = await computedPlan(input);
    expect(await listDerivedCleanupPlan(input)).toEqual(computed);
    const plans = (await derivedRows()).filter((r) => r.kind === "cleanup-plan");
    const oldPlans = before.filter((r) => r.kind === "cleanup-plan");
    expect(plans.map((r) => r.key)).not.toEqual(oldPlans.map((r) => r.key));
    expect(new Set(plans.map((r) => JSON.parse(r.key).policy))).toEqual(new Set([saved.document]));
    expect(await listDerivedCleanupPlan(input)).toEqual(computed);
  });

  it("an in-use import is another key: the image it names is kept", async () => {
    const input = await todayInput();
    const deleted = (await computedPlan(input))
      .flatMap((r) => r.items)
      .find((i) => i.action === "delete" && i.tags.length > 0);
    expect(deleted).toBeDefined();
    const { rows } = await estate.testDb.pool.query<{ loginServer: string }>(
      `SELECT login_server AS "loginServer" FROM registries WHERE name = $1 AND removed_at IS NULL`,
      [deleted!.registry],
    );
    await importInUseImages(
      { cluster: "prod", body: `${rows[0].loginServer}/${deleted!.repository}@${deleted!.digest}\n` },
      TEST_ACTOR,
    );
    const derived = await listDerivedCleanupPlan(input);
    expect(derived).toEqual(await computedPlan(input));
    const item = derived
      .flatMap((r) => r.items)
      .find((i) => i.registry === deleted!.registry && i.digest === deleted!.digest);
    expect(item?.action).toBe("keep");
    expect(item?.reasonCode).toBe("in-use");
  });

  it("a row is read only while its registry's token is the one it was computed from", async () => {
    const input = await todayInput();
    const computed = await computedPlan(input);
    const row = (await derivedRows()).find((r) => r.kind === "cleanup-plan")!;
    const state = (await readInventoryState(row.registryId))!;
    // A row of the right key and token is what the pages read (so a wrong one would show).
    const digest = decodePlanDigest(row.body)!;
    await estate.testDb.pool.query(
      "UPDATE registry_derived SET body = $1 WHERE registry_id = $2 AND kind = 'cleanup-plan'",
      [encodePlanDigest({ ...digest, runs: [], reclaimableBytes: 7n }), row.registryId],
    );
    const tampered = await listDerivedCleanupPlan(input);
    expect(tampered.find((r) => r.reclaimableBytes === 7n)).toBeDefined();
    // A write that committed after it (or a sync that died before keeping it): the row is not read,
    // and nothing computed from the older inventory can be stored any more.
    await estate.testDb.pool.query("UPDATE registries SET inventory_token = gen_random_uuid() WHERE id = $1", [
      row.registryId,
    ]);
    expect(await storeDerived("cleanup-plan", state, row.key, row.body)).toBe(false);
    expect(await listDerivedCleanupPlan(input)).toEqual(computed);
    // The first view kept the registry's plan again, under its new token.
    const kept = (await derivedRows()).find((r) => r.registryId === row.registryId && r.kind === "cleanup-plan")!;
    expect(kept.token).toBe((await registryTokens()).get(row.registryId));
    // The same plan under a new plan id (its items written again with it).
    expect({ ...decodePlanDigest(kept.body), planId: "" }).toEqual({ ...digest, planId: "" });
  });

  it("a figure that cannot be kept (a stored policy that no longer validates) fails nothing: the sync succeeds, the others are kept", async () => {
    await estate.testDb.pool.query(
      `INSERT INTO stale_policy (id, document, updated_at) VALUES (1, '{"keepLatest": "many"}', now())
       ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document`,
    );
    // Another writer's token: the sync writes every registry again (unchanged ones are not, otherwise).
    await estate.testDb.pool.query("UPDATE registries SET inventory_token = gen_random_uuid()");
    const summary = await sync();
    expect(summary.status).toBe("succeeded");
    const tokens = await registryTokens();
    const rows = await derivedRows();
    const current = (kind: string) =>
      rows.filter((r) => r.kind === kind).every((r) => r.token === tokens.get(r.registryId));
    expect(current("size-regressions")).toBe(true);
    // The plans were not carried over: no longer read, so never shown for this inventory.
    expect(rows.filter((r) => r.kind === "cleanup-plan").some((r) => r.token === tokens.get(r.registryId))).toBe(false);
  });

  it("a registry Azure no longer lists loses its kept figures at the next registry's keep; its chargeback months stay", async () => {
    const count = async (table: string, registryId: number) =>
      (
        await estate.testDb.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE registry_id = $1`,
          [registryId],
        )
      ).rows[0].n;
    const { rows } = await estate.testDb.pool.query<{ id: number }>(
      "SELECT registry_id AS id FROM cleanup_plan_items GROUP BY registry_id ORDER BY registry_id LIMIT 1",
    );
    const gone = rows[0].id;
    const months = await count("kept_chargeback_months", gone);
    expect(await count("registry_derived", gone)).toBe(2);
    expect(months).toBeGreaterThan(0);
    const others = (await derivedRows()).filter((r) => r.registryId !== gone).map((r) => [r.registryId, r.kind]);
    expect(others.length).toBeGreaterThan(0);
    // As the sync marks a registry gone from its subscription's listing.
    await estate.testDb.pool.query("UPDATE registries SET removed_at = now(), inventory_token = NULL WHERE id = $1", [
      gone,
    ]);
    const { rows: kept } = await estate.testDb.pool.query<{ armId: string }>(
      `SELECT arm_id AS "armId" FROM registries WHERE removed_at IS NULL ORDER BY id LIMIT 1`,
    );
    await keepDerivedFigures(kept[0].armId, new Date());
    expect(await count("registry_derived", gone)).toBe(0);
    expect(await count("cleanup_plan_items", gone)).toBe(0);
    // Its past months still show its cost for the days it existed.
    expect(await count("kept_chargeback_months", gone)).toBe(months);
    expect((await derivedRows()).map((r) => [r.registryId, r.kind])).toEqual(others);
  });

  it("a replaced plan leaves no items behind: each registry's items are those of the plan its row holds", async () => {
    const plans = (await derivedRows()).filter((r) => r.kind === "cleanup-plan");
    expect(plans.length).toBeGreaterThan(1);
    const { rows } = await estate.testDb.pool.query<{ registryId: number; planId: string }>(
      `SELECT DISTINCT registry_id AS "registryId", plan_id::text AS "planId" FROM cleanup_plan_items
        ORDER BY registry_id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const planIds = new Map(plans.map((r) => [r.registryId, decodePlanDigest(r.body)!.planId]));
    for (const row of rows) expect(row.planId).toBe(planIds.get(row.registryId));
    expect(new Set(rows.map((r) => r.registryId)).size).toBe(rows.length);
  });
});
