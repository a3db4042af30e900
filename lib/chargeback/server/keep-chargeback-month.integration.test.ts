/**
 * What the sync keeps of the chargeback month (this month and the previous one, per registry)
 * against the month allocated from scratch: the first view after a sync reads the rows without
 * allocating anything, and gets the same figures; a sync with no change leaves the rows, and a
 * new day's sync keeps again those of the registries it changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "../../auth/access";
import { simulatorConnection } from "../../azure/connection";
import { currentUtcDay, DAY_MS, monthOfDay, shiftMonth } from "../../calendar";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { runSync } from "../../sync/run-sync";
import { TEST_ACTOR } from "../../testing/actors";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { allocateMonth } from "./allocate-month";
import { saveChargebackConfig } from "./config-store";
import { getChargebackMonth } from "./get-chargeback-month";
import { getTeamDetail } from "./get-team-detail";
import { configHashOf } from "./read-chargeback-month";
import { resolveMonthConfig } from "./resolve-config";

const ALL: Access = { kind: "all" };
const MEMBER: Access = { kind: "teams", teams: ["payments"] };
/** A full sync of the small estate: ~25 s alone, several times that on a busy 2-core machine. */
const FULL_SYNC_TIMEOUT_MS = 240_000;

const TEAMS = {
  teams: [{ name: "payments" }, { name: "identity" }],
  rules: [
    { registry: "*", repository: "payments/**", team: "payments" },
    { registry: "*", repository: "identity/*", team: "identity" },
  ],
  fixedFees: { default: "even", byRegistry: {} },
};

let sim: RunningSimulator;
let testDb: TestDatabase;

const sync = () =>
  runSync({
    pool: testDb.pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf: new Date(),
    concurrency: 8,
  });

type KeptRow = { registryId: number; month: string; configHash: string; key: string; computedAt: Date };

async function keptRows(): Promise<KeptRow[]> {
  const { rows } = await testDb.pool.query<KeptRow>(
    `SELECT registry_id AS "registryId", to_char(month, 'YYYY-MM') AS month, config_hash AS "configHash", key,
            computed_at AS "computedAt"
       FROM kept_chargeback_months ORDER BY registry_id, month`,
  );
  return rows;
}

async function registryIds(): Promise<number[]> {
  const { rows } = await testDb.pool.query<{ id: number }>("SELECT id FROM registries ORDER BY id");
  return rows.map((r) => r.id);
}

/** The current month's review from scratch: the same read with no kept row. */
async function reviewFromScratch(access: Access) {
  const saved = await testDb.pool.query("SELECT * FROM kept_chargeback_months");
  await testDb.pool.query("DELETE FROM kept_chargeback_months");
  const review = await getChargebackMonth(monthOfDay(currentUtcDay()), { access });
  await testDb.pool.query("DELETE FROM kept_chargeback_months");
  for (const row of saved.rows)
    await testDb.pool.query(
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
  }
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "small", date: new Date(Date.now() - DAY_MS) });
  testDb = await createTestDatabase();
  await saveChargebackConfig(JSON.stringify(TEAMS), TEST_ACTOR);
  await sync();
}, FULL_SYNC_TIMEOUT_MS);

afterAll(async () => {
  await sim.close();
  await testDb.drop();
});

describe("chargeback months the sync keeps", () => {
  it("keeps this month and the previous one for every registry; the first view reads them", async () => {
    const today = currentUtcDay();
    const month = monthOfDay(today);
    const { config } = await resolveMonthConfig(undefined, { month, today });
    const rows = await keptRows();
    expect(rows.map((r) => [r.registryId, r.month])).toEqual(
      (await registryIds()).flatMap((id) => [
        [id, shiftMonth(month, -1)],
        [id, month],
      ]),
    );
    for (const row of rows) expect(row.configHash).toBe(configHashOf(config));
    const computed = await allocateMonth({ month, today }, config);
    expect(computed.registries.length).toBeGreaterThan(1);
    expect(computed.registries.flatMap((r) => r.lines).some((l) => l.team === "payments")).toBe(true);
    await expectFirstViewReadsKept();
    // A team's page reads the stored document, the same rules: the months the sync kept serve it too.
    const detail = await getTeamDetail("payments", undefined, { access: ALL });
    expect(BigInt(detail!.totalMicros)).toBeGreaterThan(0n);
    const kept = new Set(rows.map((r) => `${r.registryId}/${r.month}`));
    expect((await keptRows()).filter((r) => kept.has(`${r.registryId}/${r.month}`))).toEqual(rows);
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
      sim.setDate(new Date());
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
});
