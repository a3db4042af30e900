/**
 * `npm run verify -- --repair` never runs beside a queued sync run: while one is live it is
 * refused (exit 2, naming the run) before anything is checked or changed; the check alone still runs.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { getBoss, stopBosses } from "../jobs/boss";
import { startSyncRun } from "../jobs/start-sync-run";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { createTestDatabase, type TestDatabase } from "../testing/database";

let sim: RunningSimulator;
let testDb: TestDatabase;

beforeAll(async () => {
  sim = await startSimulator({ seed: 2, scale: "small", date: new Date("2026-09-01T12:00:00Z") });
  testDb = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await stopBosses();
  await testDb?.drop();
  await sim?.close();
});

type Run = { code: number | null; stdout: string; stderr: string };

function verifyCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/verify.ts", ...args],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "test",
          ...testDb.env,
          REGISTRY_LEDGER_SOURCE: "simulator",
          SIMULATOR_SCALE: "small",
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const countVerifications = async () =>
  (await testDb.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM verification_runs")).rows[0].n;

describe("npm run verify -- --repair while a queued sync runs", () => {
  it("is refused with exit 2 naming the run, and changes nothing", async () => {
    // A run queued with no worker to take its jobs: it stays the running one.
    const { runId } = await startSyncRun({
      pool: testDb.pool,
      boss: await getBoss(testDb.url, "producer"),
      connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
      asOf: new Date("2026-09-01T12:00:00Z"),
      trigger: "cli",
      concurrency: 8,
    });

    const refused = await verifyCli(["--repair", "--json"]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(
      new RegExp(`A sync is running \\(run #${runId}, .*npm run verify -- --repair refused`),
    );
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(await countVerifications()).toBe(0);

    // Checking alone reads only: it runs (an empty inventory is clean).
    const checked = await verifyCli(["--json"]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(await countVerifications()).toBe(1);
    const { rows } = await testDb.pool.query<{ status: string }>("SELECT status FROM sync_runs WHERE id = $1", [runId]);
    expect(rows[0].status).toBe("running");
  }, 120_000);
});
