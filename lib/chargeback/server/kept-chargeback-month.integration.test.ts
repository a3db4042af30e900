/**
 * The kept chargeback month against the month allocated from scratch: equal to the micro for
 * every registry, team and access; read while its inputs stand, allocated again (and kept) when
 * the teams document, the pricing, a registry's snapshots, task runs or tags change; bills applied
 * on read. "From scratch" is the same read with no kept row at all.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Access } from "@/lib/auth/access";
import { UNALLOCATED, type ChargebackConfig } from "@/lib/chargeback/config";
import { TEST_ACTOR } from "@/lib/testing/actors";
import { useTestDatabase } from "@/lib/testing/database";
import { createRegistrySnapshot, createRepositorySnapshot, createTaskRun } from "@/lib/testing/factories";
import { GIB, TEST_MONTH, TEST_TODAY, seedCostEstate } from "@/lib/testing/test-estate";
import { allocateMonth, readBilled, withBill, type ChargebackMonthData } from "./allocate-month";
import { saveChargebackConfig } from "./config-store";
import { getChargebackMonth } from "./get-chargeback-month";
import { getTeamDetail } from "./get-team-detail";
import { importFocusBill } from "./import-focus";
import { readChargebackMonth } from "./read-chargeback-month";
import { resolveChargebackConfig } from "./resolve-config";

const testDb = useTestDatabase();
const ALL: Access = { kind: "all" };
const MEMBER: Access = { kind: "teams", teams: ["t2"] };
const PERIOD = { month: TEST_MONTH, today: TEST_TODAY };

const CONFIG = {
  teams: [{ name: "t1", costCenter: "CC-1" }, { name: "t2" }],
  rules: [
    { registry: "alpha", repository: "a", team: "t1" },
    { registry: "beta", repository: "**", team: "t2" },
  ],
  fixedFees: { default: "even", byRegistry: { beta: "owner:t1" } },
};

type KeptRow = { registryId: number; month: string; key: string; computedAt: Date; body: string };

async function keptRows(): Promise<KeptRow[]> {
  const { rows } = await testDb.pool.query<KeptRow>(
    `SELECT registry_id AS "registryId", to_char(month, 'YYYY-MM') AS month, key, computed_at AS "computedAt", body
       FROM kept_chargeback_months ORDER BY registry_id, month, config_hash`,
  );
  return rows;
}

const dropKept = () => testDb.pool.query("DELETE FROM kept_chargeback_months");

/** What each view reads of a registry, allocated from scratch (allocateMonth) with the bills applied. */
async function fromScratch(config: ChargebackConfig, scaleToBilled = false): Promise<ChargebackMonthData> {
  const [data, billed] = await Promise.all([allocateMonth(PERIOD, config), readBilled(TEST_MONTH)]);
  return { ...data, registries: data.registries.map((r) => withBill(r, billed, data.pricing, scaleToBilled)) };
}

/** The fields the views read (the cost model's record narrowed to the registry's identity). */
const viewed = (data: ChargebackMonthData) =>
  data.registries.map((r) => ({
    identity: {
      registryId: r.record.registryId,
      name: r.record.name,
      subscriptionId: r.record.subscriptionId,
      resourceGroup: r.record.resourceGroup,
      location: r.record.location,
    },
    armId: r.armId,
    tags: r.tags,
    estimatedMicros: r.estimatedMicros,
    allocation: r.allocation,
    lines: r.lines,
    billedMicros: r.billedMicros,
    billedCurrency: r.billedCurrency,
    scaled: r.scaled,
  }));

async function storedConfig(): Promise<ChargebackConfig> {
  return (await resolveChargebackConfig(undefined)).config;
}

/** Read through the kept rows, and the same from scratch: equal, and the rows written or rewritten since `before`. */
async function expectKeptEqualsScratch(scaleToBilled = false): Promise<ChargebackMonthData> {
  const config = await storedConfig();
  const kept = await readChargebackMonth(PERIOD, config, { keep: true, scaleToBilled });
  expect(viewed(kept)).toEqual(viewed(await fromScratch(config, scaleToBilled)));
  return kept;
}

const rewritten = (before: KeptRow[], after: KeptRow[]) =>
  after.filter((row) => {
    const old = before.find((b) => b.registryId === row.registryId && b.month === row.month);
    return !old || old.computedAt.getTime() !== row.computedAt.getTime() || old.key !== row.key;
  });

describe("kept chargeback months", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("keeps each registry-month on the first view and serves the next from the rows, to the micro", async () => {
    const { alpha, beta, gone } = await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    expect(await keptRows()).toEqual([]);
    const first = await getChargebackMonth(TEST_MONTH, { access: ALL, today: TEST_TODAY });
    const rows = await keptRows();
    // This month and the previous one (the movers), one row per registry, `null` for one without cost.
    expect(rows.map((r) => [r.registryId, r.month])).toEqual(
      [alpha.id, beta.id, gone.id].flatMap((id) => [
        [id, "2026-01"],
        [id, "2026-02"],
      ]),
    );
    expect(rows.find((r) => r.registryId === gone.id && r.month === "2026-01")?.body).toBe("null");
    expect(first.lines.length).toBeGreaterThan(5);

    const second = await getChargebackMonth(TEST_MONTH, { access: ALL, today: TEST_TODAY });
    expect(second).toEqual(first);
    expect(await keptRows()).toEqual(rows); // read, nothing allocated again
    await expectKeptEqualsScratch();

    // A row whose body another format wrote is allocated again, never misread.
    await testDb.pool.query("UPDATE kept_chargeback_months SET body = '{\"v\":0}' WHERE registry_id = $1", [alpha.id]);
    expect(await getChargebackMonth(TEST_MONTH, { access: ALL, today: TEST_TODAY })).toEqual(first);
    expect((await keptRows()).filter((r) => r.body.startsWith('{"v":0}'))).toEqual([]);
  });

  it("holds the rows it decoded by their version: a row written again under the same key is read again", async () => {
    const { alpha } = await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const config = await storedConfig();
    const first = await readChargebackMonth(PERIOD, config, { keep: true });
    expect(await readChargebackMonth(PERIOD, config, { keep: true })).toEqual(first);
    const estimate = first.registries.find((r) => r.record.registryId === alpha.id)!.estimatedMicros;
    expect(estimate).toBeGreaterThan(1n);
    await testDb.pool.query(
      `UPDATE kept_chargeback_months SET body = jsonb_set(body::jsonb, '{estimated}', '"1"')::text
        WHERE registry_id = $1 AND month = $2::date`,
      [alpha.id, `${TEST_MONTH}-01`],
    );
    const again = await readChargebackMonth(PERIOD, config, { keep: true });
    expect(again.registries.find((r) => r.record.registryId === alpha.id)!.estimatedMicros).toBe(1n);
    expect(again.registries.filter((r) => r.record.registryId !== alpha.id)).toEqual(
      first.registries.filter((r) => r.record.registryId !== alpha.id),
    );
  });

  it("serves a member's scope and a team's page from the rows as from scratch", async () => {
    await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const options = { access: MEMBER, today: TEST_TODAY };
    const scratchMember = await getChargebackMonth(TEST_MONTH, options);
    const scratchTeam = await getTeamDetail("t2", TEST_MONTH, options);
    const scratchT1 = await getTeamDetail("t1", TEST_MONTH, { access: ALL, today: TEST_TODAY });
    expect(scratchMember.byTeam.map((t) => t.team)).toEqual(["t2"]);
    expect(BigInt(scratchTeam!.totalMicros)).toBeGreaterThan(0n);
    expect((await keptRows()).length).toBeGreaterThan(0);

    // Every view again, now from the rows the first ones kept (six months for the team's trend).
    const rows = await keptRows();
    expect(new Set(rows.map((r) => r.month))).toEqual(
      new Set(["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]),
    );
    expect(await getChargebackMonth(TEST_MONTH, options)).toEqual(scratchMember);
    expect(await getTeamDetail("t2", TEST_MONTH, options)).toEqual(scratchTeam);
    expect(await getTeamDetail("t1", TEST_MONTH, { access: ALL, today: TEST_TODAY })).toEqual(scratchT1);
    expect(await keptRows()).toEqual(rows);
    await dropKept();
    expect(await getTeamDetail("t2", TEST_MONTH, options)).toEqual(scratchTeam);
  });

  it("a saved teams document is allocated afresh; the previous document's rows stay for its own reads", async () => {
    await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const before = await expectKeptEqualsScratch();
    const t1 = (data: ChargebackMonthData) =>
      data.registries.flatMap((r) => r.lines).filter((l) => l.team === "t1" && l.kind === "storage");
    expect(t1(before).length).toBe(1);

    await saveChargebackConfig(JSON.stringify({ ...CONFIG, rules: CONFIG.rules.slice(1) }), TEST_ACTOR);
    const after = await expectKeptEqualsScratch();
    expect(t1(after)).toEqual([]); // alpha's "a" is unallocated now
    expect(after.registries.flatMap((r) => r.lines).some((l) => l.team === UNALLOCATED)).toBe(true);
    expect(new Set((await keptRows()).map((r) => r.key)).size).toBeGreaterThan(0);
    const { rows } = await testDb.pool.query<{ n: number }>(
      "SELECT count(DISTINCT config_hash)::int AS n FROM kept_chargeback_months",
    );
    expect(rows[0].n).toBe(2);
  });

  it("another pricing makes every row stale", async () => {
    await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const before = await expectKeptEqualsScratch();
    const rows = await keptRows();
    const file = path.join(await mkdtemp(path.join(tmpdir(), "pricing-")), "discount.json");
    await writeFile(file, JSON.stringify({ discountPercent: 50 }));
    vi.stubEnv("REGISTRY_LEDGER_PRICING_FILE", file);
    const after = await expectKeptEqualsScratch();
    const total = (data: ChargebackMonthData) => data.registries.reduce((s, r) => s + r.estimatedMicros, 0n);
    expect(total(after)).toBeLessThan(total(before));
    expect(rewritten(rows, await keptRows()).length).toBe(rows.filter((r) => r.month === TEST_MONTH).length);
  });

  it("a bill is applied on read: the kept rows stand", async () => {
    const { alpha } = await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    await expectKeptEqualsScratch(true);
    const rows = await keptRows();
    const header = "BilledCost,BillingCurrency,ResourceId,ChargePeriodStart";
    await importFocusBill({ month: TEST_MONTH, text: `${header}\n30,USD,${alpha.armId},2026-02-03\n` }, TEST_ACTOR);
    const billed = await expectKeptEqualsScratch(true);
    const alphaLines = billed.registries.find((r) => r.record.name === "alpha")!;
    expect(alphaLines.scaled).toBe(true);
    expect(alphaLines.lines.reduce((s, l) => s + l.micros, 0n)).toBe(30_000_000n);
    expect(await keptRows()).toEqual(rows);
  });

  it("a sync of the same day that changed nothing leaves the rows; one that moved a repository's bytes does not", async () => {
    const { alpha } = await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    await expectKeptEqualsScratch();
    const rows = await keptRows();
    // As writeSnapshots does: the day's registry and repository rows written again, a new captured_at.
    const rewriteDay = (bytes: string) =>
      testDb.pool.query(
        `WITH g AS (UPDATE registry_snapshots SET captured_at = now() WHERE registry_id = $1 AND day = '2026-02-15')
         UPDATE repository_snapshots SET captured_at = now(),
                attributed_bytes = CASE WHEN repository_name = 'a' THEN $2::int8 ELSE attributed_bytes END
          WHERE registry_id = $1 AND day = '2026-02-15'`,
        [alpha.id, bytes],
      );
    await rewriteDay((60n * GIB).toString());
    await expectKeptEqualsScratch();
    expect(await keptRows()).toEqual(rows);
    await rewriteDay((90n * GIB).toString());
    await expectKeptEqualsScratch();
    expect(rewritten(rows, await keptRows()).map((r) => r.registryId)).toEqual([alpha.id]);
  });

  it("a registry's new snapshot, task run or tags make its rows stale, and only its rows", async () => {
    const { alpha, beta } = await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const before = await expectKeptEqualsScratch();
    let rows = await keptRows();

    // A sync's new day: alpha's snapshots (registry and repositories, one captured_at).
    await createRegistrySnapshot(testDb.db, alpha.id, { day: "2026-02-20", storedBytes: 200n * GIB });
    for (const name of ["a", "b"])
      await createRepositorySnapshot(testDb.db, alpha.id, {
        repositoryName: name,
        day: "2026-02-20",
        attributedBytes: 100n * GIB,
      });
    const afterSnapshot = await expectKeptEqualsScratch();
    const estimate = (data: ChargebackMonthData, name: string) =>
      data.registries.find((r) => r.record.name === name)!.estimatedMicros;
    expect(estimate(afterSnapshot, "alpha")).toBeGreaterThan(estimate(before, "alpha"));
    expect(rewritten(rows, await keptRows()).map((r) => [r.registryId, r.month])).toEqual([[alpha.id, TEST_MONTH]]);

    rows = await keptRows();
    await createTaskRun(testDb.db, beta.id, {
      taskName: "build",
      startedAt: new Date("2026-02-25T10:00:00Z"),
      finishedAt: new Date("2026-02-25T12:00:00Z"),
    });
    const afterRun = await expectKeptEqualsScratch();
    expect(estimate(afterRun, "beta")).toBeGreaterThan(estimate(afterSnapshot, "beta"));
    expect(rewritten(rows, await keptRows()).map((r) => [r.registryId, r.month])).toEqual([[beta.id, TEST_MONTH]]);

    rows = await keptRows();
    await testDb.pool.query(`UPDATE registries SET tags = '{"team":"t2"}' WHERE id = $1`, [alpha.id]);
    const afterTags = await expectKeptEqualsScratch();
    const teamsOf = (data: ChargebackMonthData) =>
      new Set(data.registries.find((r) => r.record.name === "alpha")!.lines.map((l) => l.team));
    expect(teamsOf(afterRun).has("t2")).toBe(false);
    expect(teamsOf(afterTags).has("t2")).toBe(true); // "b" now owned by the registry's team tag
    expect(rewritten(rows, await keptRows()).map((r) => [r.registryId, r.month])).toEqual([[alpha.id, TEST_MONTH]]);
  });
});
