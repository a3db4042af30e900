/**
 * What the sync keeps of the chargeback month (the six months a team's page charts, which hold the
 * review's, per registry) against the month allocated from scratch: the first views after a sync
 * (the review, a team's page and its budget line) read the rows without allocating anything, and
 * get the same figures; a sync with no change leaves the rows, and a new day's sync keeps again
 * those of the registries it changed.
 */
import { describe, expect, it } from "vitest";
import type { Access } from "../../auth/access";
import { currentUtcDay, lastCompleteMonth, monthOfDay, shiftMonth } from "../../calendar";
import { getTeamBudget } from "../../budgets/server/get-team-budget";
import { TEST_ACTOR } from "../../testing/actors";
import { teamTrendMonths } from "../team-trend";
import { FULL_SYNC_TIMEOUT_MS, useSyncedEstate } from "../../testing/synced-estate";
import { allocateMonth } from "./allocate-month";
import { saveChargebackConfig } from "./config-store";
import { getChargebackMonth } from "./get-chargeback-month";
import { getTeamDetail } from "./get-team-detail";
import { keepRegistryChargebackMonth } from "./keep-chargeback-month";
import { configHashOf } from "./read-chargeback-month";
import { resolveMonthConfig } from "./resolve-config";

const ALL: Access = { kind: "all" };
const MEMBER: Access = { kind: "teams", teams: ["payments"] };

const TEAMS = {
  teams: [{ name: "payments" }, { name: "identity" }],
  rules: [
    { registry: "*", repository: "payments/**", team: "payments" },
    { registry: "*", repository: "identity/*", team: "identity" },
  ],
  fixedFees: { default: "even", byRegistry: {} },
};

const estate = useSyncedEstate(() => saveChargebackConfig(JSON.stringify(TEAMS), TEST_ACTOR));
const { sync } = estate;

type KeptRow = { registryId: number; month: string; configHash: string; key: string; computedAt: Date };

async function keptRows(): Promise<KeptRow[]> {
  const { rows } = await estate.testDb.pool.query<KeptRow>(
    `SELECT registry_id AS "registryId", to_char(month, 'YYYY-MM') AS month, config_hash AS "configHash", key,
            computed_at AS "computedAt"
       FROM kept_chargeback_months ORDER BY registry_id, month, config_hash`,
  );
  return rows;
}

async function registryIds(): Promise<number[]> {
  const { rows } = await estate.testDb.pool.query<{ id: number }>("SELECT id FROM registries ORDER BY id");
  return rows.map((r) => r.id);
}

/** The current month's review from scratch: the same read with no kept row. */
async function reviewFromScratch(access: Access) {
  const saved = await estate.testDb.pool.query("SELECT * FROM kept_chargeback_months");
  await estate.testDb.pool.query("DELETE FROM kept_chargeback_months");
  const review = await getChargebackMonth(monthOfDay(currentUtcDay()), { access });
  await estate.testDb.pool.query("DELETE FROM kept_chargeback_months");
  for (const row of saved.rows)
    await estate.testDb.pool.query(
      "INSERT INTO kept_chargeback_months (registry_id, month, config_hash, key, body, computed_at) VALUES ($1, $2, $3, $4, $5, $6)",
      [row.registry_id, row.month, row.config_hash, row.key, row.body, row.computed_at],
    );
  return review;
}

async function expectFirstViewReadsKept() {
  const rows = await keptRows();
  for (const access of [ALL, MEMBER]) {
    const review = await getChargebackMonth(monthOfDay(currentUtcDay()), { access });
    expect(await keptRows(), "the view allocated nothing").toEqual(rows);
    expect(review).toEqual(await reviewFromScratch(access));
    // The review's default: the last complete month against the one before it, kept too.
    const byDefault = await getChargebackMonth(undefined, { access });
    expect(byDefault.month).toBe(lastCompleteMonth(currentUtcDay()));
    expect(await keptRows(), "the default view allocated nothing").toEqual(rows);
    const team = await getTeamDetail("payments", undefined, { access });
    await getTeamBudget("payments", team!.month, { access });
    expect(team!.trend.map((t) => t.month)).toEqual(teamTrendMonths(monthOfDay(currentUtcDay())));
    expect(await keptRows(), "the team page allocated nothing").toEqual(rows);
  }
}

describe("chargeback months the sync keeps", () => {
  it("keeps the six months a team's page charts for every registry; the first views read them", async () => {
    const today = currentUtcDay();
    const month = monthOfDay(today);
    const { config } = await resolveMonthConfig(undefined, { month, today });
    const rows = await keptRows();
    expect(rows.map((r) => [r.registryId, r.month])).toEqual(
      (await registryIds()).flatMap((id) => teamTrendMonths(month).map((m) => [id, m])),
    );
    for (const row of rows) expect(row.configHash).toBe(configHashOf(config));
    const computed = await allocateMonth({ month, today }, config);
    expect(computed.registries.length).toBeGreaterThan(1);
    expect(computed.registries.flatMap((r) => r.lines).some((l) => l.team === "payments")).toBe(true);
    // A team's page reads the stored document, the same rules: the months the sync kept serve it.
    const detail = await getTeamDetail("payments", undefined, { access: ALL });
    expect(BigInt(detail!.totalMicros)).toBeGreaterThan(0n);
    await expectFirstViewReadsKept();
  });

  it(
    "a sync with no change leaves the rows as they were; the first view after it reads them",
    async () => {
      const before = await keptRows();
      await sync();
      expect(await keptRows()).toEqual(before);
      await expectFirstViewReadsKept();
    },
    FULL_SYNC_TIMEOUT_MS,
  );

  it(
    "a new day's sync keeps again the rows of the registries it changed",
    async () => {
      const before = await keptRows();
      estate.sim.setDate(new Date());
      await sync();
      const after = await keptRows();
      const month = monthOfDay(currentUtcDay());
      const current = (rows: KeptRow[]) => rows.filter((r) => r.month === month);
      expect(current(after).map((r) => r.registryId)).toEqual(current(before).map((r) => r.registryId));
      const moved = current(after).filter(
        (row) => current(before).find((r) => r.registryId === row.registryId)!.key !== row.key,
      );
      expect(moved.length).toBeGreaterThan(0);
      for (const row of moved)
        expect(row.computedAt.getTime()).toBeGreaterThan(
          current(before)
            .find((r) => r.registryId === row.registryId)!
            .computedAt.getTime(),
        );
      await expectFirstViewReadsKept();
    },
    FULL_SYNC_TIMEOUT_MS,
  );

  it("a keep deletes every registry's rows of rules no view of their month reads; the rows still read stay", async () => {
    const month = monthOfDay(currentUtcDay());
    const previous = shiftMonth(month, -1);
    const [first, ...others] = await registryIds();
    const before = await keptRows();
    const stored = before[0].configHash;
    expect(before.every((r) => r.configHash === stored)).toBe(true);
    expect(new Set(before.map((r) => r.month)).size).toBeGreaterThan(2);
    // Rules no view reads for the month (e.g. saved and replaced while it ran).
    await estate.testDb.pool.query(
      `INSERT INTO kept_chargeback_months (registry_id, month, config_hash, key, body, computed_at)
       SELECT registry_id, month, 'superseded', key, body, computed_at FROM kept_chargeback_months`,
    );
    const teams = { ...TEAMS, teams: [...TEAMS.teams, { name: "search" }] };
    const saved = await saveChargebackConfig(JSON.stringify(teams), TEST_ACTOR);
    const today = configHashOf(saved.config);

    await keepRegistryChargebackMonth(first);
    const after = await keptRows();
    expect(after.filter((r) => r.configHash === "superseded")).toEqual([]);
    // This month is read under today's rules only: the rows of the rules saved first are gone.
    expect(after.filter((r) => r.month === month)).toEqual([
      expect.objectContaining({ registryId: first, month, configHash: today }),
    ]);
    // Past months ended before the first rules were saved: they read those (the oldest), so their
    // rows stay, every registry's; the previous month is also read under this month's rules.
    const past = (rows: KeptRow[]) => rows.filter((r) => r.month !== month && r.configHash === stored);
    expect(past(after)).toEqual(past(before));
    // The keep allocated the team page's six months under today's rules.
    expect(after.filter((r) => r.configHash === today).map((r) => [r.registryId, r.month])).toEqual(
      teamTrendMonths(month).map((m) => [first, m]),
    );
    expect(others.length).toBeGreaterThan(0);
    // What stays is what the views read: the previous month's review allocates nothing.
    await getChargebackMonth(previous, { access: ALL });
    expect(await keptRows()).toEqual(after);
  });
});
