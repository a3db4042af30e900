/**
 * `npm run sync` goes through the queue: it starts a run of registry jobs, works them itself and
 * prints the run's summary; with --no-wait it only queues the run, which any worker then runs.
 * Either way the inventory equals an in-process sync's of the same simulated day.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import type { SyncSource } from "../sync/source";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { diffFingerprints, fingerprintInventory, type Fingerprint } from "../testing/inventory-fingerprint";
import { cleanInventory, findFreePortRange, runSyncProcess } from "../testing/sync-process";
import { getBoss, stopBosses, SYNC_REGISTRY_QUEUE } from "./boss";
import { workSyncJobs } from "./sync-worker";
import { waitForRun } from "./wait-for-run";

const SEED = 11;
const DAY = "2026-09-03";
const AS_OF = new Date(`${DAY}T12:00:00Z`);

let port: number;
let clean: Fingerprint;
const databases: TestDatabase[] = [];

async function newDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  return db;
}

/** The simulator on the ports the CLI's own used: the same login servers, so the run's plan holds. */
async function withSimulator<T>(use: (sim: RunningSimulator) => Promise<T>): Promise<T> {
  const sim = await startSimulator({ seed: SEED, scale: "small", date: AS_OF, port });
  try {
    return await use(sim);
  } finally {
    await sim.close();
  }
}

beforeAll(async () => {
  port = await findFreePortRange(8);
  clean = await cleanInventory((await newDatabase()).pool, { seed: SEED, asOf: AS_OF, port });
}, 180_000);

afterAll(async () => {
  await stopBosses();
  for (const db of databases) await db.drop();
});

const lastLine = (stdout: string): unknown => JSON.parse(stdout.trim().split("\n").at(-1)!);

async function listRegistryJobStates(db: TestDatabase, runId: number): Promise<string[]> {
  const { rows } = await db.pool.query<{ state: string }>(
    "SELECT state::text FROM pgboss.job WHERE name = $1 AND (data->>'runId')::int = $2",
    [SYNC_REGISTRY_QUEUE, runId],
  );
  return rows.map((r) => r.state);
}

describe("npm run sync", () => {
  it("runs the sync as registry jobs and prints the run's summary", async () => {
    const db = await newDatabase();
    const result = await runSyncProcess({ databaseUrl: db.url, day: DAY, seed: SEED, simulatorPort: port });
    expect(result.code, result.stderr).toBe(0);
    const line = lastLine(result.stdout);
    expect(Object.keys(line as object).sort()).toEqual(
      [
        "durationMs",
        "manifests",
        "registries",
        "repositories",
        "requests",
        "status",
        "tags",
        "throttled",
        "timedOut",
      ].sort(),
    );
    const { rows } = await db.pool.query<{
      id: number;
      status: string;
      as_of: Date;
      registries: number;
      manifests: number;
      requests: number;
      planned: number;
    }>(
      `SELECT id, status, as_of, registries, manifests, requests, jsonb_array_length(plan->'registries') AS planned
       FROM sync_runs`,
    );
    expect(rows).toHaveLength(1);
    const [run] = rows;
    expect(line).toMatchObject({
      status: "succeeded",
      timedOut: false,
      registries: run.registries,
      manifests: run.manifests,
      requests: run.requests,
      throttled: 0,
    });
    expect(run.requests).toBeGreaterThan(0);
    expect(run.as_of.toISOString()).toBe(AS_OF.toISOString());
    // Through the queue: one completed job per planned registry.
    expect(await listRegistryJobStates(db, run.id)).toEqual(Array(run.planned).fill("completed"));
    expect(diffFingerprints(await fingerprintInventory(db.pool), clean)).toEqual([]);
  }, 180_000);

  it("with --no-wait queues the run for the workers and exits at once", async () => {
    const db = await newDatabase();
    const result = await runSyncProcess({
      databaseUrl: db.url,
      day: DAY,
      seed: SEED,
      simulatorPort: port,
      args: ["--no-wait"],
    });
    expect(result.code, result.stderr).toBe(0);
    const line = lastLine(result.stdout) as { runId: number; status: string; registries: number };
    expect(line).toMatchObject({ status: "queued", registries: expect.any(Number) });
    expect(line.registries).toBeGreaterThan(1);
    expect(await listRegistryJobStates(db, line.runId)).toEqual(Array(line.registries).fill("created"));

    // Another worker, its simulator's clock elsewhere: the run's moment (--date) reaches it.
    const summary = await withSimulator(async (sim) => {
      sim.setDate(new Date("2026-10-20T12:00:00Z"));
      const source: SyncSource = {
        kind: "simulator",
        connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
        now: async () => sim.getDate(),
        moveTo: async (asOf) => sim.setDate(asOf),
        close: async () => {},
      };
      const boss = await getBoss(db.url, "worker");
      await workSyncJobs(boss, { pool: db.pool, source, registriesAtOnce: 2, log: () => undefined });
      try {
        return await waitForRun(db.pool, line.runId);
      } finally {
        await stopBosses();
      }
    });
    expect(summary).toMatchObject({ status: "succeeded", errors: [], registries: line.registries });
    expect(diffFingerprints(await fingerprintInventory(db.pool), clean)).toEqual([]);
  }, 180_000);
});
