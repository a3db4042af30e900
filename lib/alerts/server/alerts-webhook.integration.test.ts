/**
 * The alerts as a receiver sees them, end to end: `npm run sync` (a new process each day) over
 * simulated days across a month boundary, with REGISTRY_LEDGER_ALERT_WEBHOOK_URL pointing at a
 * local receiver and a teams document with budgets. Each budget threshold a team's month crosses
 * and the simulator's planted anomaly (its monthly bundle) arrive exactly once; a second sync of
 * the same day, in another process, sends nothing more.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, monthOfDay } from "../../calendar";
import { ANOMALY_MIN_HISTORY } from "../../anomalies/detect";
import { saveChargebackConfig } from "../../chargeback/server/config-store";
import { formatMoney } from "../../costs/money";
import type { Micros } from "../../costs/types";
import { forecastMonth } from "../../forecast/server/forecast-month";
import { anomalyDays, bundleTag } from "../../simulator/anomaly";
import { generateEstate } from "../../simulator/generator";
import { TEST_ACTOR } from "../../testing/actors";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { findFreePortRange, runSyncProcess } from "../../testing/sync-process";
import type { AlertPayload, AnomalyAlertPayload, BudgetAlertPayload } from "../alert";

const SEED = 11;
const GIB = 1n << 30n;
/** The bundle of early November: its day is in the new month, after enough days to judge it by. */
const ANOMALY_DAY = anomalyDays(Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 30))[0];
/** Enough earlier snapshots for the jump to be judged, all of them in the month before. */
const FIRST_DAY = addDays(ANOMALY_DAY, -(ANOMALY_MIN_HISTORY + 1));
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

let db: TestDatabase;
let port: number;
let receiver: http.Server;
let webhookUrl: string;
const received: AlertPayload[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  port = await findFreePortRange(8);
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push(JSON.parse(body) as AlertPayload);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await db?.drop();
});

async function sync(day: string): Promise<void> {
  const result = await runSyncProcess({
    databaseUrl: db.url,
    day,
    seed: SEED,
    simulatorPort: port,
    env: { REGISTRY_LEDGER_ALERT_WEBHOOK_URL: webhookUrl },
  });
  expect(result.code, `sync of ${day}: ${result.stderr}`).toBe(0);
}

/**
 * The budget and repository alerts the receiver has seen, one line per post: "<month> budget <team>
 * <threshold>" or "<day> anomaly repository <team> <repository>". A team's daily-cost anomalies are
 * left out (each still counted once among all posts): the bundle lands in a Premium registry within
 * its included storage, so it moves no team's cost, and the days such alerts name follow the task
 * runs' bursts, not the plant.
 */
function seen(): string[] {
  return received
    .flatMap((p) =>
      p.kind === "budget"
        ? [`${p.month} budget ${p.team} ${p.threshold}`]
        : p.subject === "repository"
          ? [`${p.day} anomaly repository ${p.team} ${p.repository}`]
          : [],
    )
    .sort();
}

describe("alerts through npm run sync", () => {
  it(
    "reach the webhook exactly once each: budget thresholds per month across its boundary, and the planted anomaly",
    { timeout: 900_000 },
    async () => {
      const estate = generateEstate({ seed: SEED, scale: "small", date: noon(ANOMALY_DAY) });
      const [small, standard, premium] = estate.registries.map((r) => r.tags.team);
      const planted = estate.plantedAnomaly;
      expect(planted.registry).toBe(estate.registries[2].name);
      const october = monthOfDay(FIRST_DAY);
      const november = monthOfDay(ANOMALY_DAY);
      expect(november).not.toBe(october);

      // The first day, with no budgets yet: it gives each team's fixed fees of a day (registry and
      // replicas; each team owns its registry by its team tag). Task runs come in bursts and are
      // left out: they make October's late days dear and November's first days free.
      await sync(FIRST_DAY);
      expect(seen()).toEqual([]);
      const { lines } = await forecastMonth(october, FIRST_DAY);
      const fees = (team: string): Micros =>
        lines
          .filter((l) => l.team === team && (l.kind === "unit" || l.kind === "replication_unit"))
          .reduce((sum, l) => sum + l.actualToDate, 0n);
      for (const team of [small, standard, premium]) expect(fees(team)).toBeGreaterThan(0n);
      const budgets = {
        // 5 days of fees: October's 6 synced days reach it, November's first 3 do not; both months'
        // forecasts (6 and 30 days) pass 80 % of it.
        [small]: fees(small) * 5n,
        // 20 days of fees: October's forecast (6 days, and its tasks) stays under 80 % of it, November's
        // (30 days) passes it.
        [premium]: fees(premium) * 20n,
        // 1000 days of fees: never reached.
        [standard]: fees(standard) * 1000n,
      };
      await saveChargebackConfig(
        JSON.stringify({
          teams: Object.entries(budgets).map(([name, micros]) => ({
            name,
            budget: { monthly: formatMoney(micros, 2) },
          })),
          rules: [],
        }),
        TEST_ACTOR,
      );

      for (let d = addDays(FIRST_DAY, 1); d <= ANOMALY_DAY; d = addDays(d, 1)) await sync(d);
      const expected = [
        `${october} budget ${small} forecast:80`,
        `${october} budget ${small} actual:100`,
        `${november} budget ${small} forecast:80`,
        `${november} budget ${premium} forecast:80`,
        `${ANOMALY_DAY} anomaly repository ${premium} ${planted.repository}`,
      ].sort();
      expect(seen()).toEqual(expected);
      expect(new Set(received.map((p) => p.id)).size).toBe(received.length);
      const count = received.length;

      // The same day again, in a new process: every alert is already raised and delivered.
      await sync(ANOMALY_DAY);
      expect(received).toHaveLength(count);

      for (const p of received.filter((p): p is BudgetAlertPayload => p.kind === "budget")) {
        expect(Object.keys(p).sort()).toEqual(
          ["kind", "id", "team", "month", "threshold", "actual", "forecast", "budget", "currency", "url"].sort(),
        );
        expect(p.budget).toBe(formatMoney(budgets[p.team], 2));
        expect(p.currency).toBe("USD");
        expect(p.url.endsWith(`/teams/${p.team}?month=${p.month}`)).toBe(true);
        const [basis, percent] = p.threshold.split(":");
        const reached = basis === "actual" ? p.actual : p.forecast;
        expect(Number(reached) * 100).toBeGreaterThanOrEqual(Number(p.budget) * Number(percent));
      }

      const anomaly = received.find(
        (p): p is AnomalyAlertPayload => p.kind === "anomaly" && p.subject === "repository",
      )!;
      const repository = estate.registries[2].repositories.find((r) => r.name === planted.repository)!;
      const bundle = repository.manifests.find((m) => m.tags.includes(bundleTag(noon(ANOMALY_DAY).getTime())))!;
      expect(anomaly).toMatchObject({ registry: planted.registry, month: november, unit: "bytes" });
      expect(BigInt(anomaly.rise)).toBeGreaterThan(3n * GIB);
      expect(anomaly.causes[0]).toMatchObject({
        registry: planted.registry,
        repository: planted.repository,
        digest: bundle.digest,
        tags: [bundleTag(noon(ANOMALY_DAY).getTime())],
        bytes: String(bundle.sizeBytes),
      });
      // The bundle lies within the Premium registry's included storage: it moves no team's daily cost.
      const teamJumpsThatDay = received.filter(
        (p) => p.kind === "anomaly" && p.subject === "team" && p.day === ANOMALY_DAY,
      );
      expect(teamJumpsThatDay).toEqual([]);
    },
  );
});
