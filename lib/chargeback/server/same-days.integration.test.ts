/**
 * The review's comparison of a running month with the same days of the previous month, on the cost
 * page and the chargeback review, against the hand-computed estate (lib/testing/test-estate.ts).
 */
import { describe, expect, it } from "vitest";
import { saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import { formatMoney } from "@/lib/costs/money";
import { compareCostMonths } from "@/lib/costs/server/compare-cost-months";
import { getCostMonth } from "@/lib/costs/server/get-cost-month";
import { TEST_ACTOR } from "@/lib/testing/actors";
import { useTestDatabase } from "@/lib/testing/database";
import { viaCli, viaRoute } from "@/lib/testing/report-test-io";
import { seedCostEstate, TEST_TODAY } from "@/lib/testing/test-estate";
import { getChargebackMonth } from "./get-chargeback-month";

const testDb = useTestDatabase();
const ALL = { kind: "all" } as const;
const RUNNING = { month: "2026-03", today: "2026-03-05" };
const money = (micros: string) => formatMoney(BigInt(micros), 6);
const sum = (values: { previousMicros: string }[]) => values.reduce((s, v) => s + BigInt(v.previousMicros), 0n);

const CONFIG = {
  teams: [{ name: "t1" }, { name: "t2" }],
  // alpha's repository b has no owner: its storage splits half to t1, half to unallocated, every day.
  rules: [
    { registry: "alpha", repository: "a", team: "t1" },
    { registry: "beta", repository: "**", team: "t2" },
  ],
  fixedFees: { default: "even", byRegistry: {} },
};

async function keptFebruary() {
  const { rows } = await testDb.pool.query<{ registry_id: number; key: string; computed_at: Date }>(
    "SELECT registry_id, key, computed_at FROM kept_chargeback_months WHERE month = '2026-02-01' ORDER BY registry_id",
  );
  return rows;
}

describe("a running month against the same days of the previous month", () => {
  it("costs: Mar 1–5 against Feb 1–5; a complete month against the whole previous month", async () => {
    await seedCostEstate(testDb.db);
    const c = await compareCostMonths(RUNNING);
    expect(c.compared).toEqual({
      running: true,
      current: { month: "2026-03", from: "2026-03-01", until: "2026-03-05" },
      previous: { month: "2026-02", from: "2026-02-01", until: "2026-02-05" },
    });
    // Feb 1–5: alpha 5 × 0.6666 + 10 GiB × 5 / 28 GiB-month × 0.10 = 3.511571, gone's one day 0.166600,
    // beta nothing yet (its first snapshot is Feb 21, its first run Feb 10).
    expect(money(c.previousMicros)).toBe("3.678171");
    expect(c.movers.find((m) => m.name === "alpha")?.previousMicros).toBe("3511571");
    expect(c.currentMicros).toBe((await getCostMonth(RUNNING)).totalMicros);
    expect(sum(c.byKind).toString()).toBe(c.previousMicros);

    const whole = await compareCostMonths({ month: "2026-03", today: "2026-04-02" });
    expect(whole.compared.running).toBe(false);
    expect(money(whole.previousMicros)).toBe("69.151229");
  });

  it("costs: with no month, the last complete one, compared whole", async () => {
    await seedCostEstate(testDb.db);
    const c = await compareCostMonths({ today: "2026-03-05" });
    expect(c.month).toBe("2026-02");
    expect(c.compared.running).toBe(false);
    expect(money(c.currentMicros)).toBe("69.151229");
  });

  it("chargeback: the teams' same days come from the kept month and sum exactly to the cost page's, kind by kind", async () => {
    await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const [review, costs] = await Promise.all([
      getChargebackMonth(RUNNING.month, { access: ALL, today: RUNNING.today }),
      compareCostMonths(RUNNING),
    ]);
    expect(review.compared).toEqual(costs.compared);
    expect(review.previousTotalMicros).toBe(costs.previousMicros);
    expect(review.totalMicros).toBe(costs.currentMicros);
    expect(review.byKind.map((k) => [k.kind, k.previousMicros])).toEqual(
      costs.byKind.map((k) => [k.kind, k.previousMicros]),
    );
    expect(sum(review.byTeam).toString()).toBe(review.previousTotalMicros);
    // By registry: the month's registries (gone, removed in February, is in the total only).
    expect(review.byRegistry.find((r) => r.registry === "alpha")?.previousMicros).toBe("3511571");
    // Each team's own running totals of alpha's storage (5/28 × 1 GiB-month of excess, halved) are
    // 89285.714… rounded up twice: split to the registry's 178571, one of them gives the micro back.
    const storage = review.byKind.find((k) => k.kind === "storage")!;
    expect(storage.previousMicros).toBe("178571");
    const byTeam = Object.fromEntries(review.byTeam.map((t) => [t.team, t.previousMicros]));
    expect(BigInt(byTeam.t1) + BigInt(byTeam.unallocated)).toBe(3_511_571n + 166_600n);
    expect(byTeam.t2).toBe("0");

    // The same days are read from February's kept row: reading again and reading February whole
    // keep that one row as it was, and give the same figures.
    const kept = await keptFebruary();
    expect(kept.length).toBeGreaterThan(0);
    expect(await getChargebackMonth(RUNNING.month, { access: ALL, today: RUNNING.today })).toEqual(review);
    const february = await getChargebackMonth("2026-02", { access: ALL, today: TEST_TODAY });
    expect(await keptFebruary()).toEqual(kept);
    for (const team of february.byTeam)
      expect(BigInt(byTeam[team.team] ?? "0"), team.team).toBeLessThanOrEqual(BigInt(team.micros));
  });

  it("chargeback: a team member's same days are their lines of the whole review's", async () => {
    await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const whole = await getChargebackMonth(RUNNING.month, { access: ALL, today: RUNNING.today });
    const member = await getChargebackMonth(RUNNING.month, {
      access: { kind: "teams", teams: ["t1"] },
      today: RUNNING.today,
    });
    expect(member.byTeam.map((t) => [t.team, t.previousMicros])).toEqual(
      whole.byTeam.filter((t) => t.team === "t1").map((t) => [t.team, t.previousMicros]),
    );
    expect(member.previousTotalMicros).toBe(whole.byTeam.find((t) => t.team === "t1")?.previousMicros);
  });

  it("chargeback: with no month, the last complete one, compared whole", async () => {
    await seedCostEstate(testDb.db);
    const review = await getChargebackMonth(undefined, { access: ALL, today: RUNNING.today });
    expect(review.month).toBe("2026-02");
    expect(review.compared.running).toBe(false);
    // January: alpha alone, 8.386297 in all (see test-estate).
    expect(review.previousTotalMicros).toBe("8386297");
  });

  it("costs.csv and chargeback.csv without a month: the last complete month before asOf, route and CLI alike", async () => {
    await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const costs = await viaRoute(`/api/reports/costs.csv?asOf=${RUNNING.today}`);
    expect(costs.status).toBe(200);
    const months = costs.body
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    expect(months.length).toBeGreaterThan(0);
    expect(new Set(months)).toEqual(new Set(["2026-02"]));
    expect((await viaCli(["costs", "--as-of", RUNNING.today])).stdout).toBe(costs.body);
    expect(costs.body).toBe((await viaRoute(`/api/reports/costs.csv?month=2026-02&asOf=${RUNNING.today}`)).body);

    const chargeback = await viaRoute(`/api/reports/chargeback.csv?asOf=${RUNNING.today}`);
    expect(chargeback.status).toBe(200);
    const header = chargeback.body.split("\n")[0].split(",");
    const periods = chargeback.body
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[header.indexOf("BillingPeriodStart")]);
    expect(periods.length).toBeGreaterThan(0);
    expect(new Set(periods)).toEqual(new Set(["2026-02-01T00:00:00Z"]));
    expect(chargeback.body).toBe(
      (await viaRoute(`/api/reports/chargeback.csv?month=2026-02&asOf=${RUNNING.today}`)).body,
    );
  });
});
