/**
 * A team whose repository took 800 GiB in a day (its daily cost about tripled) after a month of
 * steady growth across the October/November boundary: the jump is found on that day with the
 * manifests pushed into the team's repositories as its causes (not another team's), raised once
 * however often the day is evaluated, POSTed to the webhook once, and listed on the team's page
 * for its members only. The steady team, and every team on a quiet day, raise nothing: November's
 * first day, whose storage costs 1/30 of a month a day after October's 1/31, is a rise under the
 * floor.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../calendar";
import type { AnomalyAlertPayload } from "../../alerts/alert";
import { deliverAlerts } from "../../alerts/server/deliver-alerts";
import { evaluateAlerts } from "../../alerts/server/evaluate-alerts";
import { listAlerts } from "../../alerts/server/alert-store";
import { saveChargebackConfig } from "../../chargeback/server/config-store";
import { TEST_ACTOR } from "../../testing/actors";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import {
  createRegistry,
  createRegistrySnapshot,
  createRepository,
  createRepositorySnapshot,
} from "../../testing/factories";
import { GIB } from "../detect";
import { findTeamJumps } from "./find-team-jumps";
import { listTeamAnomalies } from "./list-team-anomalies";

const FIRST = "2026-10-01";
const JUMP_DAY = "2026-11-02";
const DAYS = 33; // 2026-10-01 … 2026-11-02
const noise = [0n, GIB / 2n, -GIB / 2n, GIB / 4n];
let db: TestDatabase;

/** `start` GiB growing `step` GiB a day, give or take the noise. */
function steady(start: bigint, step: bigint): bigint[] {
  return Array.from({ length: DAYS }, (_, i) => start * GIB + BigInt(i) * step * GIB + noise[i % noise.length]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await saveChargebackConfig(
    JSON.stringify({
      teams: [{ name: "data" }, { name: "search" }],
      rules: [
        { registry: "*", repository: "ml/**", team: "data" },
        { registry: "*", repository: "search/**", team: "search" },
      ],
    }),
    TEST_ACTOR,
  );
  const registry = await createRegistry(db.db, { name: "contosoprod" });
  const trainer = steady(300n, 2n);
  trainer[DAYS - 1] += 800n * GIB;
  const index = steady(200n, 1n);
  for (let i = 0; i < DAYS; i++) {
    const day = addDays(FIRST, i);
    await createRegistrySnapshot(db.db, registry.id, { day, storedBytes: trainer[i] + index[i] });
    await createRepositorySnapshot(db.db, registry.id, {
      repositoryName: "ml/trainer",
      day,
      attributedBytes: trainer[i],
    });
    await createRepositorySnapshot(db.db, registry.id, {
      repositoryName: "search/index",
      day,
      attributedBytes: index[i],
    });
  }
  expect(addDays(FIRST, DAYS - 1)).toBe(JUMP_DAY);
  const ml = await createRepository(db.db, registry.id, { name: "ml/trainer" });
  const search = await createRepository(db.db, registry.id, { name: "search/index" });
  const at = (day: string, time: string) => new Date(`${day}T${time}Z`);
  await db.db.manifest.createMany({
    data: [
      { repositoryId: ml.id, digest: "sha256:big", sizeBytes: 800n * GIB, createdAt: at(JUMP_DAY, "09:30:00") },
      { repositoryId: ml.id, digest: "sha256:small", sizeBytes: 1000n, createdAt: at(JUMP_DAY, "23:59:59") },
      { repositoryId: ml.id, digest: "sha256:before", sizeBytes: 5n * GIB, createdAt: at("2026-11-01", "12:00:00") },
      { repositoryId: search.id, digest: "sha256:other", sizeBytes: GIB, createdAt: at(JUMP_DAY, "10:00:00") },
    ],
  });
  await db.db.tag.createMany({
    data: ["v2.0.0", "latest"].map((name) => ({ repositoryId: ml.id, name, digest: "sha256:big" })),
  });
});

afterAll(async () => {
  await db?.drop();
});

const atNoon = (day: string) => new Date(`${day}T12:00:00Z`);

describe("findTeamJumps", () => {
  it("finds the team whose daily cost jumped, with the pushes into its repositories, largest first", async () => {
    const jumps = await findTeamJumps(db.pool, JUMP_DAY);
    expect(jumps.map((j) => j.team)).toEqual(["data"]);
    const [jump] = jumps;
    expect(jump).toMatchObject({ day: JUMP_DAY, currency: "USD" });
    // 800 GiB at 0.10 USD a GiB-month is 2.67 USD a day more, against a usual rise of cents.
    expect(Number(jump.rise)).toBeGreaterThan(2_000_000);
    expect(Number(jump.rise)).toBeGreaterThan(jump.threshold);
    expect(jump.threshold).toBeGreaterThanOrEqual(Number(jump.monthForecast) / 100);
    expect(jump.value - jump.previous).toBe(jump.rise);
    expect(jump.causes).toEqual([
      {
        registry: "contosoprod",
        repository: "ml/trainer",
        digest: "sha256:big",
        tags: ["latest", "v2.0.0"],
        bytes: 800n * GIB,
      },
      { registry: "contosoprod", repository: "ml/trainer", digest: "sha256:small", tags: [], bytes: 1000n },
    ]);
  });

  it("finds nothing on a quiet day, the first of a month included", async () => {
    expect(await findTeamJumps(db.pool, "2026-11-01")).toEqual([]);
    expect(await findTeamJumps(db.pool, "2026-10-20")).toEqual([]);
  });
});

describe("team anomaly alerts", () => {
  it("are raised once per team and day, however often the day is evaluated, and POSTed to the webhook once", async () => {
    expect(await evaluateAlerts(db.pool, atNoon("2026-11-01"))).toBe(0);
    // The repository's jump and its team's.
    expect(await evaluateAlerts(db.pool, atNoon(JUMP_DAY))).toBe(2);
    expect(await evaluateAlerts(db.pool, atNoon(JUMP_DAY))).toBe(0);
    const alerts = await listAlerts(db.pool, { month: "2026-11" });
    const team = alerts.filter((a) => a.kind === "anomaly" && (a.payload as AnomalyAlertPayload).subject === "team");
    expect(team.map((a) => a.key)).toEqual([`anomaly:team:${JUMP_DAY}:data`]);
    expect(team[0].payload).toMatchObject({
      team: "data",
      unit: "USD",
      registry: null,
      causes: [{ digest: "sha256:big" }, {}],
    });

    // Delivered to the webhook like every alert, once.
    const received: AnomalyAlertPayload[] = [];
    const receiver = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push(JSON.parse(body) as AnomalyAlertPayload);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      expect(await deliverAlerts(db.pool, { url })).toEqual({ delivered: 2, failed: 0 });
      expect(await deliverAlerts(db.pool, { url })).toEqual({ delivered: 0, failed: 0 });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    expect(received.filter((p) => p.subject === "team")).toEqual([team[0].payload]);
  });

  it("are listed on the team's page with the repository's, for the team's members only", async () => {
    await evaluateAlerts(db.pool, atNoon(JUMP_DAY));
    const anomalies = await listTeamAnomalies("data", "2026-11", { access: { kind: "teams", teams: ["data"] } });
    expect(anomalies?.map((a) => [a.subject, a.day, a.repository])).toEqual([
      ["team", JUMP_DAY, null],
      ["repository", JUMP_DAY, "ml/trainer"],
    ]);
    const [team, repository] = anomalies!;
    expect(team.amounts).toMatchObject({ unit: "money", currency: "USD" });
    expect(repository.amounts).toMatchObject({ unit: "bytes", rise: Number(800n * GIB + 2n * GIB - GIB / 4n) });
    expect(team.causes[0]).toMatchObject({
      repository: "ml/trainer",
      tags: ["latest", "v2.0.0"],
      bytes: 800 * 2 ** 30,
    });
    expect(team.summary).toMatch(/^data's daily cost rose \d+\.\d\d USD to \d+\.\d\d USD on 2026-11-02 /);

    expect(await listTeamAnomalies("data", "2026-11", { access: { kind: "teams", teams: ["search"] } })).toBeNull();
    expect(await listTeamAnomalies("search", "2026-11", { access: { kind: "teams", teams: ["search"] } })).toEqual([]);
    expect(await listTeamAnomalies("data", "2026-10", { access: { kind: "all" } })).toEqual([]);
  });
});
