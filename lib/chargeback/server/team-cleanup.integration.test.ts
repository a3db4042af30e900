/**
 * A team's part of the cleanup plan read from each registry's plan digest equals the same part
 * counted item by item from the whole plan (getCleanupPlan, every item in memory), for every team,
 * for an Admin and for the team's own member, whether the registry's plan was kept by the sync or
 * is computed on the read.
 */
import { describe, expect, it } from "vitest";
import type { Access } from "../../auth/access";
import { addDays, currentUtcDay } from "../../calendar";
import { planAsOf } from "../../stale/plan-as-of";
import { planShare } from "../../stale/plan-share";
import { getCleanupPlan } from "../../stale/server/get-cleanup-plan";
import { resolvePolicy } from "../../stale/server/resolve-policy";
import { TEST_ACTOR } from "../../testing/actors";
import { useSyncedEstate } from "../../testing/synced-estate";
import { bytesToNumber } from "../../views";
import { saveChargebackConfig } from "./config-store";
import { getTeamCleanup, getTeamDetail, type TeamDetail } from "./get-team-detail";
import { teamCleanupOf, type TeamCleanupRegistry } from "./team-cleanup";

const TEAMS = {
  teams: [{ name: "payments" }, { name: "identity" }, { name: "checkout" }],
  rules: [
    { registry: "*", repository: "payments/**", team: "payments" },
    { registry: "*", repository: "identity/*", team: "identity" },
    { registry: "*", repository: "checkout/**", team: "checkout" },
  ],
  fixedFees: { default: "even", byRegistry: {} },
};
const TEAM_NAMES = [...TEAMS.teams.map((t) => t.name), "unallocated"];

const estate = useSyncedEstate(() => saveChargebackConfig(JSON.stringify(TEAMS), TEST_ACTOR));

/** The team's part counted from the whole plan's items. */
async function fromItems(team: string, access: Access, asOfDay?: string): Promise<TeamDetail["cleanup"]> {
  const detail = (await getTeamDetail(team, undefined, { access }))!;
  const owned = new Set(detail.repositories.map((r) => `${r.registry}/${r.repository}`));
  const asOf = planAsOf(asOfDay);
  const registries: TeamCleanupRegistry[] = [];
  for (const plan of (await getCleanupPlan({ policy: await resolvePolicy(undefined), asOf })).registries) {
    const { items: mine, ownsEveryDelete } = planShare(plan.items, (i) => owned.has(`${i.registry}/${i.repository}`));
    if (mine.length === 0) continue;
    const deletes = mine.filter((i) => i.action === "delete");
    registries.push({
      registry: plan.registry,
      staleTags: mine.filter((i) => i.action !== "keep").reduce((s, i) => s + i.tags.length, 0),
      manifestsDeleted: deletes.length,
      deletedManifestBytes: bytesToNumber(deletes.reduce((s, i) => s + i.sizeBytes, 0n)),
      registryReclaimableBytes: access.kind === "all" || ownsEveryDelete ? bytesToNumber(plan.reclaimableBytes) : 0,
      allDeletesAreTheTeams: ownsEveryDelete,
    });
  }
  return teamCleanupOf(asOf, registries);
}

async function expectEveryTeamAsItsItems(asOf?: string) {
  const shared = [];
  for (const team of TEAM_NAMES) {
    for (const access of [{ kind: "all" }, { kind: "teams", teams: [team] }] satisfies Access[]) {
      const cleanup = await getTeamCleanup(team, { access, asOf });
      const expected = await fromItems(team, access, asOf);
      expect(cleanup, `${team} as ${access.kind}`).toEqual(expected);
      expect((await getTeamDetail(team, undefined, { access, asOf }))!.cleanup).toEqual(expected);
      shared.push(...expected.registries.filter((r) => !r.allDeletesAreTheTeams && access.kind === "teams"));
    }
  }
  return shared;
}

describe("a team's part of the cleanup plan", () => {
  it("read from the kept digests, equals the part counted item by item, for every team and access", async () => {
    const { rows } = await estate.testDb.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM registry_derived WHERE kind = 'cleanup-plan'",
    );
    expect(rows[0].n, "the sync kept the plans").toBeGreaterThan(1);
    const payments = (await getTeamCleanup("payments", { access: { kind: "all" } }))!;
    expect(payments.staleTags).toBeGreaterThan(0);
    expect(payments.manifestsDeleted).toBeGreaterThan(0);
    // Registries other teams also delete in: a member reads their reclaimable bytes as 0.
    const shared = await expectEveryTeamAsItsItems();
    expect(shared.length).toBeGreaterThan(0);
    for (const registry of shared) expect(registry.registryReclaimableBytes).toBe(0);
  });

  it("equals it too as of another day, whose plans are computed on the read (only today's are kept)", async () => {
    const yesterday = addDays(currentUtcDay(), -1);
    const kept = await estate.testDb.pool.query("SELECT * FROM registry_derived ORDER BY registry_id, kind");
    const shared = await expectEveryTeamAsItsItems(yesterday);
    expect(shared.length).toBeGreaterThan(0);
    expect((await getTeamCleanup("payments", { access: { kind: "all" }, asOf: yesterday }))!.asOf).toBe(
      planAsOf(yesterday).toISOString(),
    );
    expect((await estate.testDb.pool.query("SELECT * FROM registry_derived ORDER BY registry_id, kind")).rows).toEqual(
      kept.rows,
    );
  });
});
