/**
 * Alerts raised once and delivered once: raising the same alert again adds nothing; a receiver
 * that fails an attempt gets it again after the backoff; two deliverers at once never send one
 * alert twice; a new pass after every alert is delivered (a restart) sends nothing.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { budgetAlertPayload, type AlertPayload } from "../alert";
import { listAlerts, raiseAlerts } from "./alert-store";
import { deliverAlerts } from "./deliver-alerts";
import { listRecentAlerts } from "./list-recent-alerts";

let db: TestDatabase;
let receiver: http.Server;
let url: string;
const received: AlertPayload[] = [];
/** Ids to answer 500 once, and how long to take over each answer. */
const failOnce = new Set<string>();
let answerAfterMs = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const payload = JSON.parse(body) as AlertPayload;
      setTimeout(() => {
        if (failOnce.delete(payload.id)) {
          response.writeHead(500).end();
          return;
        }
        received.push(payload);
        response.writeHead(204).end();
      }, answerAfterMs);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await db?.drop();
});

const alert = (team: string, percent: number) =>
  budgetAlertPayload(
    {
      team,
      month: "2026-11",
      threshold: { basis: "forecast", percent },
      actualToDate: 100_000_000n,
      forecast: 240_000_000n,
      budget: 250_000_000n,
      currency: "USD",
    },
    "http://127.0.0.1:3000",
  );

describe("alerts", () => {
  it("are raised once per key", async () => {
    const first = await raiseAlerts(db.pool, [alert("payments", 80), alert("search", 80)]);
    expect(first.map((a) => a.key).sort()).toEqual([
      "budget:2026-11:forecast:80:payments",
      "budget:2026-11:forecast:80:search",
    ]);
    const again = await raiseAlerts(db.pool, [alert("payments", 80), alert("payments", 90)]);
    expect(again.map((a) => a.key)).toEqual(["budget:2026-11:forecast:90:payments"]);
    expect((await listAlerts(db.pool, { month: "2026-11" })).map((a) => a.key).sort()).toEqual([
      "budget:2026-11:forecast:80:payments",
      "budget:2026-11:forecast:80:search",
      "budget:2026-11:forecast:90:payments",
    ]);
    expect((await listAlerts(db.pool, { month: "2026-11", teams: ["search"] })).map((a) => a.team)).toEqual(["search"]);
    // As the Findings page lists them: newest first, each said in one line, no webhook set here.
    const recent = await listRecentAlerts({ teams: ["payments"] });
    expect(recent.webhookConfigured).toBe(false);
    expect(recent.rows.map((a) => a.summary)).toEqual([
      "payments's forecast reached 90 % of its 2026-11 budget of 250.00 USD (forecast 240.00 USD)",
      "payments's forecast reached 80 % of its 2026-11 budget of 250.00 USD (forecast 240.00 USD)",
    ]);
  });

  it("are delivered once each, a failed attempt retried after its delay, two deliverers sending nothing twice", async () => {
    failOnce.add("budget:2026-11:forecast:80:search");
    answerAfterMs = 150;
    const passes = await Promise.all([
      deliverAlerts(db.pool, { url, retryBaseSeconds: 0.5 }),
      deliverAlerts(db.pool, { url, retryBaseSeconds: 0.5 }),
    ]);
    expect(passes.reduce((n, p) => n + p.delivered, 0)).toBe(2);
    expect(passes.reduce((n, p) => n + p.failed, 0)).toBe(1);
    const failed = (await listAlerts(db.pool)).find((a) => a.team === "search")!;
    expect(failed).toMatchObject({ deliveredAt: null, attempts: 1, lastError: "HTTP 500 Internal Server Error" });

    // Not before its delay is up, then once.
    expect(await deliverAlerts(db.pool, { url, retryBaseSeconds: 0.5 })).toEqual({ delivered: 0, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await deliverAlerts(db.pool, { url, retryBaseSeconds: 0.5 })).toEqual({ delivered: 1, failed: 0 });

    // A restart: everything is recorded delivered, nothing is sent again.
    expect(await deliverAlerts(db.pool, { url })).toEqual({ delivered: 0, failed: 0 });
    expect(received.map((p) => p.id).sort()).toEqual([
      "budget:2026-11:forecast:80:payments",
      "budget:2026-11:forecast:80:search",
      "budget:2026-11:forecast:90:payments",
    ]);
    expect(received[0]).toMatchObject({ kind: "budget", currency: "USD", budget: "250.00" });
    const listed = await listAlerts(db.pool);
    expect(listed.every((a) => a.deliveredAt !== null && a.lastError === null)).toBe(true);
    expect(listed.find((a) => a.team === "search")?.attempts).toBe(2);
  });

  it("record a receiver that does not answer in time or cannot be reached, and keep the alert", async () => {
    await raiseAlerts(db.pool, [alert("catalog", 80)]);
    answerAfterMs = 2_000;
    expect(await deliverAlerts(db.pool, { url, timeoutMs: 200 })).toEqual({ delivered: 0, failed: 1 });
    const slow = (await listAlerts(db.pool, { teams: ["catalog"] }))[0];
    expect(slow).toMatchObject({ deliveredAt: null, attempts: 1, lastError: "no answer in 200 ms" });
    await db.pool.query("UPDATE alerts SET next_attempt_at = now() WHERE team = 'catalog'");
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = `http://127.0.0.1:${closedPort}/alerts`;
    expect(await deliverAlerts(db.pool, { url: unreachable })).toEqual({ delivered: 0, failed: 1 });
    expect((await listAlerts(db.pool, { teams: ["catalog"] }))[0].lastError).toMatch(/ECONNREFUSED/);
    answerAfterMs = 0;
  });
});
