import { describe, expect, it } from "vitest";
import { PUT as putConfig, GET as getConfig } from "@/app/api/chargeback/config/route";
import { POST as postPreview } from "@/app/api/chargeback/preview/route";
import { getChargebackConfig, saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import { importFocusBill } from "@/lib/chargeback/server/import-focus";
import { parseChargebackConfig, UNALLOCATED } from "@/lib/chargeback/config";
import { useTestDatabase } from "@/lib/testing/database";
import { getCostMonth } from "../../costs/server/get-cost-month";
import { TEST_MONTH, TEST_TODAY, seedCostEstate } from "@/lib/testing/test-estate";
import { getChargebackMonth } from "./get-chargeback-month";
import { getTeamDetail } from "./get-team-detail";
import { previewOwnership } from "./preview-ownership";
import { TEST_ACTOR } from "@/lib/testing/actors";

const testDb = useTestDatabase();

const CONFIG = {
  teams: [
    { name: "t1", costCenter: "CC-1" },
    { name: "t2", costCenter: "CC-2", contacts: ["t2@example.com"] },
  ],
  rules: [
    { registry: "alpha", repository: "a", team: "t1" },
    { registry: "beta", repository: "**", team: "t2" },
  ],
  fixedFees: { default: "even", byRegistry: { beta: "owner:t1" } },
};

describe("chargeback config store and routes", () => {
  it("stores the canonical document, exports it, and answers 422 naming the bad fields", async () => {
    expect((await getChargebackConfig()).source).toBe("default");
    const response = await putConfig(
      new Request("http://localhost/api/chargeback/config", {
        method: "PUT",
        body: JSON.stringify(CONFIG),
        headers: { "Content-Type": "application/json" },
      }),
    );
    expect(response.status).toBe(200);
    const exported = await (await getConfig()).text();
    expect(JSON.parse(exported)).toEqual(CONFIG);
    const bad = await putConfig(
      new Request("http://localhost/api/chargeback/config", {
        method: "PUT",
        body: JSON.stringify({ ...CONFIG, rules: [{ registry: "x", repository: "**", team: "unallocated" }] }),
        headers: { "Content-Type": "application/json" },
      }),
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).message).toContain('rules[0].team: "unallocated" is reserved');
    expect((await getChargebackConfig()).document).toBe(exported);
  });
});

describe("chargeback month", () => {
  it("splits each registry's cost across teams, summing exactly to the cost model, kind by kind", async () => {
    await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const [month, costs] = await Promise.all([
      getChargebackMonth(TEST_MONTH, { access: { kind: "all" }, today: TEST_TODAY }),
      getCostMonth({ month: TEST_MONTH, today: TEST_TODAY }),
    ]);
    expect(month.configSource).toBe("stored");
    expect(month.totalMicros).toBe(costs.totalMicros);
    for (const registry of costs.registries) {
      for (const line of registry.lines) {
        const sum = month.lines
          .filter((l) => l.registry === registry.name && l.kind === line.kind)
          .reduce((s, l) => s + BigInt(l.micros), 0n);
        expect(sum.toString(), `${registry.name} ${line.kind}`).toBe(line.costMicros);
      }
    }
    const line = (team: string, registry: string, kind: string) =>
      month.lines.find((l) => l.team === team && l.registry === registry && l.kind === kind);
    // alpha: a (t1) and b (unallocated) hold half each; fixed fees even among owning teams: t1 alone.
    expect(line("t1", "alpha", "storage")?.micros).toBe("750000");
    expect(line(UNALLOCATED, "alpha", "storage")?.micros).toBe("750000");
    expect(line("t1", "alpha", "unit")).toMatchObject({ micros: "18664800", method: "even", costCenter: "CC-1" });
    // beta: fees to the owner t1, storage to t2, task runs without output images like the fees.
    expect(line("t1", "beta", "unit")).toMatchObject({ micros: "13332800", method: "owner" });
    expect(line("t2", "beta", "replication_storage")?.micros).toBe("5714286");
    expect(line("t1", "beta", "tasks")).toMatchObject({ micros: "250000", method: "owner" });
    // gone: no repository, even has no team: unallocated.
    expect(line(UNALLOCATED, "gone", "unit")?.micros).toBe("166600");
    const sum = (xs: { micros: string }[]) => xs.reduce((s, x) => s + BigInt(x.micros), 0n).toString();
    expect(sum(month.byTeam)).toBe(month.totalMicros);
    expect(sum(month.byRegistry)).toBe(month.totalMicros);
    expect(sum(month.byKind)).toBe(month.totalMicros);
    expect(month.byTeam.map((t) => t.team)).toEqual(["t1", "t2", UNALLOCATED]);
    const t1 = month.teams.find((t) => t.team === "t1")!;
    const alpha = t1.registries.find((r) => r.registry === "alpha")!;
    expect(alpha.repositories).toEqual([{ repository: "a", attributedBytes: 60 * 2 ** 30, storageMicros: "750000" }]);
    // January: alpha alone, 8.386297 in all (see test-estate): a and b split the storage.
    expect(month.previousTotalMicros).toBe("8386297");
    expect(month.movers[0].team).toBe("t1");
  });

  it("scales only registries billed in the pricing's currency, keeping the others' estimate", async () => {
    const { alpha, beta } = await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const header = "BilledCost,BillingCurrency,ResourceId,ChargePeriodStart";
    await importFocusBill(
      { month: TEST_MONTH, text: `${header}\n30,USD,${alpha.armId.toUpperCase()},2026-02-03\n` },
      TEST_ACTOR,
    );
    let month = await getChargebackMonth(TEST_MONTH, {
      access: { kind: "all" },
      today: TEST_TODAY,
      scaleToBilled: true,
    });
    const row = (name: string) => month.byRegistry.find((r) => r.registry === name)!;
    expect(row("alpha")).toMatchObject({
      billedMicros: "30000000",
      billedCurrency: "USD",
      scaled: true,
      micros: "30000000",
    });
    expect(row("beta")).toMatchObject({ billedMicros: null, scaled: false, micros: row("beta").estimatedMicros });
    expect(month.lines.filter((l) => l.registry === "alpha").reduce((s, l) => s + BigInt(l.micros), 0n)).toBe(
      30_000_000n,
    );
    await importFocusBill({ month: TEST_MONTH, text: `${header}\n30,EUR,${beta.armId},2026-02-03\n` }, TEST_ACTOR);
    month = await getChargebackMonth(TEST_MONTH, { access: { kind: "all" }, today: TEST_TODAY, scaleToBilled: true });
    // The second file bills beta alone: alpha keeps the first file's amount.
    expect(row("alpha")).toMatchObject({ billedMicros: "30000000", billedCurrency: "USD", scaled: true });
    expect(row("beta")).toMatchObject({
      billedMicros: "30000000",
      billedCurrency: "EUR",
      scaled: false,
      micros: row("beta").estimatedMicros,
    });
  });

  it("re-allocates with a given config without touching the stored one", async () => {
    await seedCostEstate(testDb.db);
    const month = await getChargebackMonth(TEST_MONTH, {
      access: { kind: "all" },
      today: TEST_TODAY,
      config: parseChargebackConfig({}),
    });
    expect(month.configSource).toBe("given");
    expect(new Set(month.lines.map((l) => l.team))).toEqual(new Set([UNALLOCATED]));
  });

  it("gives a team's repositories, cost, days and trend", async () => {
    await seedCostEstate(testDb.db);
    await saveChargebackConfig(JSON.stringify(CONFIG), TEST_ACTOR);
    const detail = await getTeamDetail("t2", TEST_MONTH, { access: { kind: "all" }, today: TEST_TODAY });
    const month = await getChargebackMonth(TEST_MONTH, { access: { kind: "all" }, today: TEST_TODAY });
    expect(detail?.totalMicros).toBe(month.byTeam.find((t) => t.team === "t2")?.micros);
    expect(detail?.repositories).toEqual([
      { registry: "beta", repository: "only", attributedBytes: 600 * 2 ** 30, storageMicros: "8571429" },
    ]);
    expect(detail?.daily.reduce((s, d) => s + BigInt(d.micros), 0n).toString()).toBe(detail?.totalMicros);
    expect(detail?.trend.map((t) => t.month)).toEqual([
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(detail?.trend.at(-1)?.micros).toBe(detail?.totalMicros);
    expect(detail?.contacts).toEqual(["t2@example.com"]);
    expect(await getTeamDetail("nobody", TEST_MONTH, { access: { kind: "all" } })).toBeNull();
  });

  it("previews what each rule wins in the current inventory", async () => {
    await seedCostEstate(testDb.db);
    const preview = await previewOwnership({
      ...CONFIG,
      rules: [...CONFIG.rules, { registry: "*", repository: "*", team: "t2" }],
    });
    expect(preview.rules.map((r) => [r.team, r.repositoryCount, r.samples, r.shadowedCount])).toEqual([
      ["t1", 1, ["alpha/a"], 0],
      ["t2", 1, ["beta/only"], 0],
      ["t2", 1, ["alpha/b"], 2],
    ]);
    expect(preview.unallocated.repositoryCount).toBe(0);
    expect(preview.totalRepositories).toBe(3);
    // A team only a registry's team tag names (never declared) gets its own line in the totals.
    await testDb.pool.query(`UPDATE registries SET tags = '{"team":"tagged"}' WHERE name = 'alpha'`);
    const tagged = await previewOwnership({
      teams: [{ name: "t2" }],
      rules: [{ registry: "beta", repository: "**", team: "t2" }],
    });
    expect(tagged.byTeam.map((t) => [t.team, t.repositoryCount])).toEqual([
      ["t2", 1],
      ["tagged", 2],
      [UNALLOCATED, 0],
    ]);
    const bad = await postPreview(
      new Request("http://localhost/api/chargeback/preview", {
        method: "POST",
        body: "{",
        headers: { "Content-Type": "application/json" },
      }),
    );
    expect(bad.status).toBe(422);
  });
});
