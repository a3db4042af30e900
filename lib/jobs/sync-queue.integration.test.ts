/**
 * "Sync now" and the schedule go through the Postgres-backed queue: a request becomes a job,
 * the worker runs the real sync against the simulator, and the schedule is registered.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import type { SyncSource } from "../sync/source";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { getBoss, stopBosses, SYNC_QUEUE } from "./boss";
import { requestSync } from "./sync-queue";
import { startSyncWorker } from "./sync-worker";
import { TEST_ACTOR } from "@/lib/testing/actors";

let sim: RunningSimulator;
let testDb: TestDatabase;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, scale: "small", date: new Date("2026-09-01T12:00:00Z") });
  testDb = await createTestDatabase();
  const source: SyncSource = {
    kind: "simulator",
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    now: async () => sim.getDate(),
    close: async () => {},
  };
  await startSyncWorker({
    databaseUrl: testDb.url,
    pool: testDb.pool,
    source,
    schedule: "0 */6 * * *",
    concurrency: 8,
    log: () => {},
  });
}, 120_000);

afterAll(async () => {
  await stopBosses();
  await testDb?.drop();
  await sim?.close();
});

type RunRow = { status: string; trigger: string };

async function listRuns(): Promise<RunRow[]> {
  const { rows } = await testDb.pool.query<RunRow>("SELECT status, trigger FROM sync_runs ORDER BY id");
  return rows;
}

const uiRuns = (rows: RunRow[]) => rows.filter((r) => r.trigger === "ui");

/** The runs once `predicate` holds for them; the worker runs a whole sync, hence the long timeout. */
function waitForRun(predicate: (rows: RunRow[]) => boolean): Promise<RunRow[]> {
  return vi.waitFor(
    async () => {
      const rows = await listRuns();
      if (!predicate(rows)) throw new Error(`runs so far: ${JSON.stringify(rows)}`);
      return rows;
    },
    { timeout: 90_000, interval: 250 },
  );
}

describe("sync jobs", () => {
  it("runs a requested sync on the worker", async () => {
    const before = uiRuns(await listRuns()).length;
    const result = await requestSync({ trigger: "ui" }, TEST_ACTOR);
    expect(result.queued).toBe(true);
    const rows = await waitForRun((r) => uiRuns(r).length > before && uiRuns(r).every((x) => x.status !== "running"));
    expect(
      uiRuns(rows)
        .slice(before)
        .map((x) => x.status),
    ).toEqual(["succeeded"]);
    const { rows: repos } = await testDb.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM repositories");
    expect(repos[0].n).toBe(sim.estate().registries.reduce((n, r) => n + r.repositories.length, 0));
  });

  it("registers the sync schedule", async () => {
    const boss = await getBoss(testDb.url, "worker");
    const schedules = await boss.getSchedules(SYNC_QUEUE);
    expect(schedules.map((s) => s.cron)).toEqual(["0 */6 * * *"]);
  });

  it("collapses repeated requests into one pending sync", async () => {
    const before = uiRuns(await listRuns()).length;
    const results = await Promise.all([1, 2, 3, 4].map(() => requestSync({ trigger: "ui" }, TEST_ACTOR)));
    const refused = results.filter((r) => !r.queued);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) if (!r.queued) expect(r.reason).toMatch(/already queued/);
    await waitForRun((r) => uiRuns(r).length > before && r.every((x) => x.status !== "running"));
  });
});
