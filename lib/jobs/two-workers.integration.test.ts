/**
 * Two `npm run worker` processes on one database share a sync run's registry jobs; one is
 * SIGKILLed while it holds a registry job, and the other finishes the run: the job it held is
 * retried, every registry is recorded once, and the inventory equals a clean in-process sync's.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { runSync } from "../sync/run-sync";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { diffFingerprints, fingerprintInventory } from "../testing/inventory-fingerprint";
import { workerProcesses, type WorkerProcesses } from "../testing/worker-process";
import { getBoss, stopBosses, SYNC_REGISTRY_QUEUE } from "./boss";
import { startSyncRun } from "./start-sync-run";

const AS_OF = new Date("2026-09-01T12:00:00Z");

let sim: RunningSimulator;
let clean: TestDatabase;
let shared: TestDatabase;
let workers: WorkerProcesses;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, scale: "small", date: AS_OF });
  clean = await createTestDatabase();
  await runSync({ pool: clean.pool, connection: connection(), asOf: AS_OF, trigger: "cli", concurrency: 8 });
  shared = await createTestDatabase();
  workers = await workerProcesses(sim, shared);
}, 180_000);

afterAll(async () => {
  await workers?.close();
  await stopBosses();
  await clean?.drop();
  await shared?.drop();
  await sim?.close();
});

const connection = () => simulatorConnection(sim.armEndpoint, sim.caCertPem);

type JobRow = { id: string; state: string; retry_count: number; singleton_key: string };

async function listRegistryJobs(): Promise<JobRow[]> {
  const { rows } = await shared.pool.query<JobRow>(
    "SELECT id, state::text, retry_count, singleton_key FROM pgboss.job WHERE name = $1 ORDER BY singleton_key",
    [SYNC_REGISTRY_QUEUE],
  );
  return rows;
}

describe("two workers on one database", () => {
  it("finish a run when one of them is killed holding a registry job", async () => {
    // Every registry's catalog answers after 3 s: a job is held long enough to be killed in it.
    sim.setFaults({ rules: [{ kind: "stall", path: "catalog", ms: 3_000 }] });
    const boss = await getBoss(shared.url, "producer");
    const { runId, registries } = await startSyncRun({
      pool: shared.pool,
      boss,
      connection: connection(),
      asOf: AS_OF,
      trigger: "cli",
      concurrency: 8,
    });
    expect(registries).toBeGreaterThan(1);

    const first = workers.start("first", 1);
    const held = await vi.waitFor(
      async () => {
        const active = (await listRegistryJobs()).filter((j) => j.state === "active");
        if (active.length === 0) throw new Error("no registry job taken yet");
        return active[0];
      },
      { timeout: 60_000, interval: 100 },
    );
    const second = workers.start("second", 1);
    first.kill("SIGKILL");

    const run = await vi.waitFor(
      async () => {
        const { rows } = await shared.pool.query<{
          status: string;
          errors: unknown;
          progress: Record<string, unknown>;
        }>("SELECT status, errors, progress FROM sync_runs WHERE id = $1", [runId]);
        if (rows[0].status === "running") throw new Error("run still running");
        return rows[0];
      },
      { timeout: 150_000, interval: 250 },
    );
    // A clean stop: SIGTERM lets the worker finish what it holds (nothing now) and exit 0.
    const exited = new Promise<number | null>((resolve) => second.once("exit", (code) => resolve(code)));
    second.kill("SIGTERM");
    expect(await exited).toBe(0);
    sim.setFaults(null);

    expect(run.status).toBe("succeeded");
    expect(run.errors).toEqual([]);
    expect(run.progress).toMatchObject({ phase: "done", registriesTotal: registries, registriesDone: registries });
    // The job the killed worker held was taken over: retried, then completed.
    const jobs = await listRegistryJobs();
    expect(jobs).toHaveLength(registries);
    expect(jobs.every((j) => j.state === "completed")).toBe(true);
    expect(jobs.find((j) => j.id === held.id)?.retry_count).toBeGreaterThanOrEqual(1);
    // Each registry recorded once on the run, succeeded.
    const { rows: results } = await shared.pool.query<{ status: string }>(
      "SELECT status FROM sync_registry_results WHERE sync_run_id = $1",
      [runId],
    );
    expect(results.map((r) => r.status)).toEqual(Array(registries).fill("succeeded"));
    expect(diffFingerprints(await fingerprintInventory(shared.pool), await fingerprintInventory(clean.pool))).toEqual(
      [],
    );
  }, 240_000);
});
