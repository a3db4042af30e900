/**
 * The simulator's estate synced on three days of October 2026, allocated with a rule set using
 * every fixed-fee method: every registry-month's team lines sum exactly to the cost model's
 * registry cost, kind by kind; the CSV is the same bytes from route and CLI and sums to the page;
 * it is a FOCUS 1.3 dataset by every rule of focus-conformance.ts, whose allocated charges add up
 * to the cost model's lines, and which `npm run import-billing` takes back as the amounts it
 * bills; a FOCUS file (upper-cased ResourceIds) round-trips into billed amounts the allocation
 * scales to.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postBilled } from "@/app/api/chargeback/billed/route";
import { simulatorConnection } from "@/lib/azure/connection";
import { formatMoney, parseMoney } from "@/lib/costs/money";
import { parseChargebackConfig } from "@/lib/chargeback/config";
import { getChargebackMonth } from "@/lib/chargeback/server/get-chargeback-month";
import { getTeamCleanup, getTeamDetail } from "@/lib/chargeback/server/get-team-detail";
import { listCleanupPlan } from "@/lib/stale/server/list-cleanup-plan";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { resolvePolicy } from "@/lib/stale/server/resolve-policy";
import { getCostMonth } from "@/lib/costs/server/get-cost-month";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { runSync } from "@/lib/sync/run-sync";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { CHARGEBACK_COLUMNS } from "./chargeback-report";
import { focusViolations, type FocusRecord } from "./focus-conformance";
import { viaCli, viaRoute } from "@/lib/testing/report-test-io";

const SYNC_DAYS = ["2026-10-05", "2026-10-12", "2026-10-20"];
const TODAY = "2026-10-25";
const MONTH = "2026-10";

let sim: RunningSimulator;
let testDb: TestDatabase;
let registryNames: string[];

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, scale: "small", date: new Date(`${SYNC_DAYS[0]}T12:00:00Z`) });
  testDb = await createTestDatabase();
  for (const day of SYNC_DAYS) {
    const asOf = new Date(`${day}T12:00:00Z`);
    sim.setDate(asOf);
    const summary = await runSync({
      pool: testDb.pool,
      connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
      asOf,
    });
    expect(summary.status).toBe("succeeded");
  }
  registryNames = (await testDb.db.registry.findMany({ orderBy: { name: "asc" }, select: { name: true } })).map(
    (r) => r.name,
  );
}, 240_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

function ruleSet() {
  const [first, second, third] = registryNames;
  return parseChargebackConfig({
    teams: ["payments", "identity", "platform", "search", "checkout"].map((name, i) => ({
      name,
      costCenter: `CC-${100 + i}`,
    })),
    rules: [
      { registry: "*", repository: "payments/**", team: "payments" },
      { registry: first, repository: "identity/*", team: "identity" },
      { registryTag: "team=search", repository: "**", team: "search" },
      { registry: "*", repository: "checkout/**", team: "checkout" },
    ],
    // The registries' own `team` tags name declared teams for some of them: the fallback is exercised too.
    fixedFees: { default: "proportional", byRegistry: { [second]: "even", [third]: "owner:platform" } },
  });
}

describe("chargeback of the simulated estate", () => {
  it("sums every registry-month's team lines exactly to its cost, kind by kind, with every method", async () => {
    expect(registryNames.length).toBeGreaterThanOrEqual(3);
    const config = ruleSet();
    for (const month of ["2026-09", MONTH]) {
      const [review, costs] = await Promise.all([
        getChargebackMonth(month, { access: { kind: "all" }, today: TODAY, config }),
        getCostMonth({ month, today: TODAY }),
      ]);
      expect(review.totalMicros).toBe(costs.totalMicros);
      for (const registry of costs.registries) {
        for (const line of registry.lines) {
          const lines = review.lines.filter((l) => l.registry === registry.name && l.kind === line.kind);
          expect(
            lines.reduce((s, l) => s + BigInt(l.micros), 0n).toString(),
            `${month} ${registry.name} ${line.kind}`,
          ).toBe(line.costMicros);
        }
      }
    }
    const review = await getChargebackMonth(MONTH, { access: { kind: "all" }, today: TODAY, config });
    const methods = new Set(review.lines.flatMap((l) => l.method.split("+")));
    for (const method of ["attributed-bytes", "proportional", "even", "owner", "task-output"])
      expect(methods, method).toContain(method);
    expect(new Set(review.lines.map((l) => l.team))).toContain("unallocated");
    expect(BigInt(review.totalMicros)).toBeGreaterThan(0n);
    // The drill-down: each team's repositories sum to its storage lines in each registry.
    for (const team of review.teams) {
      for (const registry of team.registries) {
        const storage = registry.byKind
          .filter((k) => k.kind === "storage" || k.kind === "replication_storage")
          .reduce((s, k) => s + BigInt(k.micros), 0n);
        expect(registry.repositories.reduce((s, r) => s + BigInt(r.storageMicros), 0n)).toBe(storage);
      }
    }
  });

  it("partitions the cleanup plan's stale tags among the teams, and a team's page matches its review line", async () => {
    const config = ruleSet();
    let planned = 0;
    for await (const plan of listCleanupPlan({ policy: await resolvePolicy(undefined), asOf: planAsOf(TODAY) })) {
      planned += plan.items.filter((i) => i.action !== "keep").reduce((s, i) => s + i.tags.length, 0);
    }
    expect(planned).toBeGreaterThan(0);
    let byTeams = 0;
    for (const team of [...config.teams.map((t) => t.name), "unallocated"])
      byTeams += (await getTeamCleanup(team, { access: { kind: "all" }, config, asOf: TODAY }))!.staleTags;
    expect(byTeams).toBe(planned);
    const review = await getChargebackMonth(MONTH, { access: { kind: "all" }, today: TODAY, config });
    const detail = (await getTeamDetail("payments", MONTH, {
      access: { kind: "all" },
      today: TODAY,
      config,
      asOf: TODAY,
    }))!;
    expect(detail.totalMicros).toBe(review.byTeam.find((t) => t.team === "payments")!.micros);
    expect(detail.cleanup).toEqual(await getTeamCleanup("payments", { access: { kind: "all" }, config, asOf: TODAY }));
    // The first rule gives payments every payments/** repository; the registry tag fallback may add more.
    const paymentsRepositories = await testDb.db.repository.count({
      where: { name: { startsWith: "payments/" }, registry: { removedAt: null } },
    });
    expect(paymentsRepositories).toBeGreaterThan(0);
    expect(detail.repositories.filter((r) => r.repository.startsWith("payments/"))).toHaveLength(paymentsRepositories);
  });

  it("prints the same CSV from the route and the CLI, summing to the page's total", async () => {
    const document = JSON.stringify(ruleSet());
    const dir = await mkdtemp(path.join(tmpdir(), "chargeback-"));
    const rulesFile = path.join(dir, "rules.json");
    await writeFile(rulesFile, document);
    const route = await viaRoute(
      `/api/reports/chargeback.csv?month=${MONTH}&as-of=${TODAY}&rules=${encodeURIComponent(document)}`,
    );
    expect(route.status).toBe(200);
    const cli = await viaCli(["chargeback", "--month", MONTH, "--as-of", TODAY, "--rules", rulesFile]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(route.body);
    const [header, ...rows] = route.body.trimEnd().split("\n");
    expect(header).toBe(CHARGEBACK_COLUMNS.join(","));
    const review = await getChargebackMonth(MONTH, { access: { kind: "all" }, today: TODAY, config: ruleSet() });
    expect(rows).toHaveLength(review.lines.length);
    const billedColumn = CHARGEBACK_COLUMNS.indexOf("BilledCost");
    expect(rows.reduce((s, row) => s + parseMoney(row.split(",")[billedColumn]), 0n).toString()).toBe(
      review.totalMicros,
    );
    expect(rows[0]).toMatch(
      /^2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2026-10-01T00:00:00Z,2026-10-26T00:00:00Z,USD,/,
    );
    expect(rows[0]).toContain(",Usage,");
    expect(rows[0]).toContain(",Container Registry,Storage,/subscriptions/");
    // AllocatedResourceName, then AllocatedTags at their old places; x_Team and x_CostCenter last.
    expect(rows.some((r) => r.includes(',payments,"{""team"":""payments"",""costCenter"":""CC-100""}",'))).toBe(true);
    expect(rows.some((r) => r.endsWith(",payments,CC-100"))).toBe(true);
    const bad = await viaRoute(
      `/api/reports/chargeback.csv?month=${MONTH}&rules=${encodeURIComponent('{"rules":[{"registry":"*","repository":"**","team":"unallocated"}]}')}`,
    );
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body).message).toContain('rules[0].team: "unallocated" is reserved');
  });

  it("exports a FOCUS 1.3 dataset whose allocated charges add up to the cost model's lines", async () => {
    const document = JSON.stringify(ruleSet());
    const csv = await viaRoute(
      `/api/reports/chargeback.csv?month=${MONTH}&as-of=${TODAY}&rules=${encodeURIComponent(document)}`,
    );
    expect(csv.status).toBe(200);
    const [header, ...rows] = parse(csv.body) as string[][];
    const records: FocusRecord[] = rows.map((row) => Object.fromEntries(row.map((cell, i) => [header[i], cell])));
    expect(records.length).toBeGreaterThan(5);
    expect(focusViolations({ header, records })).toEqual([]);
    expect(new Set(records.map((r) => r.AllocatedMethodId))).toContain("attributed-bytes");
    expect(records.some((r) => r.x_Team === "unallocated" && r.AllocatedResourceId === "")).toBe(true);

    const costs = await getCostMonth({ month: MONTH, today: TODAY });
    const registries = await testDb.db.registry.findMany({ select: { name: true, armId: true } });
    let origins = 0;
    for (const registry of costs.registries) {
      const armId = registries.find((r) => r.name === registry.name)!.armId;
      for (const line of registry.lines) {
        const split = records.filter((r) => r.ResourceId === armId && r.SkuMeter === line.kind);
        const sum = (column: string, decimals: number) => split.reduce((s, r) => s + scaled(r[column], decimals), 0n);
        expect(sum("BilledCost", 6).toString(), `${registry.name} ${line.kind}`).toBe(line.costMicros);
        expect(sum("ListCost", 6).toString()).toBe(line.costMicros);
        if (split.length === 0) continue;
        origins += 1;
        expect(sum("PricingQuantity", 9), `${registry.name} ${line.kind} quantity`).toBe(scaled(line.quantity, 9));
      }
    }
    expect(origins).toBeGreaterThan(3);
  });

  it("imports its own export back through npm run import-billing as the amounts it bills", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "chargeback-focus-"));
    const rulesFile = path.join(dir, "rules.json");
    await writeFile(rulesFile, JSON.stringify(ruleSet()));
    const exported = await viaCli(["chargeback", "--month", MONTH, "--as-of", TODAY, "--rules", rulesFile]);
    expect(exported.code).toBe(0);
    const file = path.join(dir, "chargeback.csv");
    await writeFile(file, exported.stdout);
    const [header, ...rows] = parse(exported.stdout) as string[][];
    const column = (name: string) => header.indexOf(name);
    const stated = new Map<string, bigint>();
    for (const row of rows) {
      const resourceId = row[column("ResourceId")];
      stated.set(resourceId, (stated.get(resourceId) ?? 0n) + parseMoney(row[column("BilledCost")]));
    }

    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/import-billing.ts", file],
      { env: { NODE_ENV: "test", ...testDb.env } },
    );
    expect(stdout).toContain(`Imported ${MONTH}:`);
    expect(stdout).toContain("0 rows matched no registry");
    const billed = await testDb.db.billedCost.findMany({
      where: { month: new Date(`${MONTH}-01T00:00:00Z`) },
      select: { resourceId: true, billedMicros: true, currency: true, rowCount: true },
    });
    expect(new Map(billed.map((b) => [b.resourceId, b.billedMicros]))).toEqual(stated);
    expect(new Set(billed.map((b) => b.currency))).toEqual(new Set(["USD"]));
    expect(billed.reduce((s, b) => s + b.rowCount, 0)).toBe(rows.length);
  }, 60_000);

  it("imports a FOCUS bill by case-insensitive ResourceId and scales each registry's lines to it exactly", async () => {
    const config = ruleSet();
    const estimate = await getChargebackMonth(MONTH, { access: { kind: "all" }, today: TODAY, config });
    const registries = await testDb.db.registry.findMany({ select: { name: true, armId: true } });
    // Each registry billed 7% above its estimate plus odd sub-micro decimals, split over two rows.
    const billed = new Map<string, bigint>();
    const lines = ["\uFEFFBillingPeriodStart,ChargePeriodStart,BilledCost,BillingCurrency,ResourceId,x_Note"];
    for (const r of estimate.byRegistry) {
      const total = (BigInt(r.estimatedMicros) * 107n) / 100n + 3n;
      billed.set(r.registry, total);
      const arm = registries.find((x) => x.name === r.registry)!.armId.toUpperCase();
      lines.push(
        `2026-10-01T00:00:00Z,2026-10-01T00:00:00Z,${formatMoney(total - 1n, 6)}4,USD,${arm},"storage, ""premium"""`,
      );
      lines.push(`2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,0.0000005,USD,${arm}/REPLICATIONS/WESTUS,`);
    }
    lines.push(
      "2026-10-01T00:00:00Z,2026-10-03T00:00:00Z,5.00,USD,/subscriptions/x/resourcegroups/y/providers/microsoft.storage/storageaccounts/z,",
    );
    const post = (body: string) =>
      postBilled(
        new Request(`http://localhost/api/chargeback/billed?month=${MONTH}`, {
          method: "POST",
          body,
          headers: { "Content-Type": "text/csv" },
        }),
      );
    const response = await post(`${lines.join("\r\n")}\r\n`);
    expect(response.status).toBe(201);
    const result = await response.json();
    expect(result).toMatchObject({
      month: MONTH,
      currency: "USD",
      unmatchedRows: 1,
      matchedRows: 2 * estimate.byRegistry.length,
    });

    const scaled = await getChargebackMonth(MONTH, {
      access: { kind: "all" },
      today: TODAY,
      config,
      scaleToBilled: true,
    });
    expect(scaled.billedImported).toBe(true);
    for (const r of scaled.byRegistry) {
      expect(r.billedMicros, r.registry).toBe(billed.get(r.registry)!.toString());
      expect(r.estimatedMicros).toBe(estimate.byRegistry.find((e) => e.registry === r.registry)!.micros);
      const sum = scaled.lines.filter((l) => l.registry === r.registry).reduce((s, l) => s + BigInt(l.micros), 0n);
      expect(sum.toString()).toBe(r.billedMicros);
      expect(r.micros).toBe(r.billedMicros);
    }
    // The CSV with ?scale=billed bills the scaled amount and keeps the estimate as ListCost.
    const csv = await viaRoute(
      `/api/reports/chargeback.csv?month=${MONTH}&as-of=${TODAY}&scale=billed&rules=${encodeURIComponent(JSON.stringify(config))}`,
    );
    const [header, ...records] = parse(csv.body) as string[][];
    expect(
      focusViolations({
        header,
        records: records.map((r) => Object.fromEntries(r.map((cell, i) => [header[i], cell]))),
      }),
    ).toEqual([]);
    const rows = csv.body
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((row) => row.split(","));
    const column = (name: (typeof CHARGEBACK_COLUMNS)[number]) => CHARGEBACK_COLUMNS.indexOf(name);
    expect(rows.reduce((s, r) => s + parseMoney(r[column("BilledCost")]), 0n)).toBe(
      [...billed.values()].reduce((s, v) => s + v, 0n),
    );
    expect(rows.reduce((s, r) => s + parseMoney(r[column("ListCost")]), 0n).toString()).toBe(estimate.totalMicros);

    // A second import of the month replaces the registries it bills, the others keep theirs; a file without the cost column is refused.
    const again = await post(
      `BilledCost,BillingCurrency,ResourceId,ChargePeriodStart\n1,USD,${registries[0].armId.toUpperCase()},2026-10-09\n`,
    );
    expect(await again.json()).toMatchObject({ registries: [{ billedMicros: "1000000" }], replacedRegistries: 1 });
    const stored = await testDb.db.billedCost.findMany({ select: { resourceId: true, billedMicros: true } });
    expect(stored).toHaveLength(estimate.byRegistry.length);
    expect(stored.find((b) => b.resourceId === registries[0].armId.toLowerCase())?.billedMicros).toBe(1_000_000n);
    const missing = await post("Cost,BillingCurrency,ResourceId\n1,USD,x\n");
    expect(missing.status).toBe(422);
    expect((await missing.json()).message).toContain("missing column BilledCost");
  });
});

/** An exact decimal as an integer of `decimals` places: "1.5" at 6 → 1500000n. */
function scaled(decimal: string, decimals: number): bigint {
  const [whole, fraction = ""] = decimal.split(".");
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0"));
}
