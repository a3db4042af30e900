/**
 * Budgets across a month boundary: the thresholds a team's month reaches raise one alert each per
 * team, month and threshold, however often a sync evaluates; the next month starts afresh; each
 * alert reaches a local receiver exactly once. The budgets CSV states the same month.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../calendar";
import type { BudgetAlertPayload } from "../../alerts/alert";
import { deliverAlerts } from "../../alerts/server/deliver-alerts";
import { evaluateAlerts } from "../../alerts/server/evaluate-alerts";
import { saveChargebackConfig } from "../../chargeback/server/config-store";
import { getReport } from "../../reports/catalog";
import { TEST_ACTOR } from "../../testing/actors";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { createRegistry, createRegistrySnapshot, createRepositorySnapshot } from "../../testing/factories";

const GIB = 1n << 30n;
let db: TestDatabase;
let receiver: http.Server;
let url: string;
const received: BudgetAlertPayload[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push(JSON.parse(body) as BudgetAlertPayload);
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // payments spends far beyond its budget of 1.00 a month; search stays far below 100000.00.
  await saveChargebackConfig(
    JSON.stringify({
      teams: [
        { name: "payments", budget: { monthly: "1.00" } },
        { name: "search", budget: { monthly: "100000.00" } },
      ],
      rules: [
        { registry: "*", repository: "pay/**", team: "payments" },
        { registry: "*", repository: "search/**", team: "search" },
      ],
    }),
    TEST_ACTOR,
  );
  const registry = await createRegistry(db.db, { name: "contosoprod" });
  for (let i = 0; i < 14; i++) {
    const day = addDays("2026-10-20", i); // … 2026-11-02
    await createRegistrySnapshot(db.db, registry.id, { day, storedBytes: 600n * GIB });
    await createRepositorySnapshot(db.db, registry.id, { repositoryName: "pay/api", day, attributedBytes: 500n * GIB });
    await createRepositorySnapshot(db.db, registry.id, {
      repositoryName: "search/index",
      day,
      attributedBytes: 100n * GIB,
    });
  }
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await db?.drop();
});

const atNoon = (day: string) => new Date(`${day}T12:00:00Z`);

describe("budget alerts", () => {
  it("are raised once per team, month and threshold, across a month boundary, and delivered once each", async () => {
    expect(await evaluateAlerts(db.pool, atNoon("2026-10-30"))).toBe(2);
    expect(await evaluateAlerts(db.pool, atNoon("2026-10-31"))).toBe(0); // the same month's thresholds
    expect(await evaluateAlerts(db.pool, atNoon("2026-11-02"))).toBe(2); // a new month
    expect(await evaluateAlerts(db.pool, atNoon("2026-11-02"))).toBe(0);

    expect(await deliverAlerts(db.pool, { url })).toEqual({ delivered: 4, failed: 0 });
    expect(await deliverAlerts(db.pool, { url })).toEqual({ delivered: 0, failed: 0 });
    expect(received.map((p) => `${p.month} ${p.team} ${p.threshold}`).sort()).toEqual([
      "2026-10 payments actual:100",
      "2026-10 payments forecast:80",
      "2026-11 payments actual:100",
      "2026-11 payments forecast:80",
    ]);
    const october = received.find((p) => p.month === "2026-10" && p.threshold === "actual:100")!;
    expect(Object.keys(october).sort()).toEqual(
      ["kind", "id", "team", "month", "threshold", "actual", "forecast", "budget", "currency", "url"].sort(),
    );
    expect(october).toMatchObject({ kind: "budget", team: "payments", budget: "1.00", currency: "USD" });
    expect(Number(october.actual)).toBeGreaterThan(1);
    expect(Number(october.forecast)).toBeGreaterThanOrEqual(Number(october.actual));
    expect(october.url).toBe("http://localhost:3000/teams/payments?month=2026-10");
  });

  it("are stated by the budgets CSV for the month", async () => {
    const output = await getReport("budgets").render({ month: "2026-11", asOf: "2026-11-02" }, { kind: "all" });
    let text = "";
    for await (const chunk of output.chunks) text += chunk;
    const [header, ...rows] = text.trim().split("\n");
    expect(header).toBe("month,team,budget,actual_to_date,forecast,percent_of_budget,status,currency");
    expect(rows).toHaveLength(2);
    const [payments, search] = rows.map((row) => row.split(","));
    expect(payments.slice(0, 3)).toEqual(["2026-11", "payments", "1.00"]);
    expect(payments.slice(6)).toEqual(["over", "USD"]);
    expect(Number(payments[5])).toBeGreaterThan(100);
    expect(Number(payments[4])).toBeGreaterThan(Number(payments[3]));
    expect(search.slice(0, 3)).toEqual(["2026-11", "search", "100000.00"]);
    expect(search.slice(6)).toEqual(["on_track", "USD"]);
  });
});
