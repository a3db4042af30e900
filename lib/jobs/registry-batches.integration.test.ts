/**
 * A large registry read in batch jobs by two `npm run worker` processes, one SIGKILLed while it
 * holds a batch: the held batch is retried by the other, every registry is written once in one
 * transaction from its staged parts, and the stored inventory equals an unsplit in-process sync's
 * of the same estate, table by table.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { runSync } from "../sync/run-sync";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { diffFingerprints, fingerprintInventory } from "../testing/inventory-fingerprint";
import { workerProcesses, type WorkerProcesses } from "../testing/worker-process";
import { getBoss, stopBosses, SYNC_BATCH_QUEUE, SYNC_REGISTRY_QUEUE } from "./boss";
import { startSyncRun } from "./start-sync-run";

const AS_OF = new Date("2026-09-01T12:00:00Z");

let sim: RunningSimulator;
let clean: TestDatabase;
let shared: TestDatabase;
let workers: WorkerProcesses;

beforeAll(async () => {
  sim = await startSimulator({ seed: 9, scale: "small", date: AS_OF });
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

type JobRow = { id: string; state: string; retry_count: number; arm_id: string; part: number | null };

async function listJobs(queue: string): Promise<JobRow[]> {
  const { rows } = await shared.pool.query<JobRow>(
    `SELECT id, state::text, retry_count, data->>'armId' AS arm_id, (data->>'part')::int AS part
     FROM pgboss.job WHERE name = $1`,
    [queue],
  );
  return rows;
}

describe("a large registry read in batches", () => {
  it("is written once, equal to an unsplit sync, when a worker is killed holding one of its batches", async () => {
    const sizes = sim.estate().registries.map((r) => r.repositories.length);
    // The largest registry is read as 3 batches; the smaller ones as fewer, or whole.
    const batchRepositories = Math.ceil(Math.max(...sizes) / 3);
    expect(sizes.filter((n) => n > batchRepositories).length).toBeGreaterThan(0);
    // Every changed repository's manifest list answers after 2 s: a batch is held long enough to be killed in it.
    sim.setFaults({ rules: [{ kind: "stall", path: "manifests", ms: 2_000 }] });
    const { runId, registries } = await startSyncRun({
      pool: shared.pool,
      boss: await getBoss(shared.url, "producer"),
      connection: connection(),
      asOf: AS_OF,
      trigger: "cli",
      concurrency: 8,
      batchRepositories,
    });

    const first = workers.start("first", 2);
    const held = await vi.waitFor(
      async () => {
        const active = (await listJobs(SYNC_BATCH_QUEUE)).filter((j) => j.state === "active");
        if (active.length === 0) throw new Error("no batch job taken yet");
        return active[0];
      },
      { timeout: 90_000, interval: 100 },
    );
    const second = workers.start("second", 2);
    first.kill("SIGKILL");

    const run = await vi.waitFor(
      async () => {
        const { rows } = await shared.pool.query<{ status: string; errors: unknown; requests: number }>(
          "SELECT status, errors, requests FROM sync_runs WHERE id = $1",
          [runId],
        );
        if (rows[0].status === "running") throw new Error("run still running");
        return rows[0];
      },
      { timeout: 200_000, interval: 250 },
    );
    const exited = new Promise<number | null>((resolve) => second.once("exit", (code) => resolve(code)));
    second.kill("SIGTERM");
    expect(await exited).toBe(0);
    sim.setFaults(null);

    expect(run.status).toBe("succeeded");
    expect(run.errors).toEqual([]);
    const batches = await listJobs(SYNC_BATCH_QUEUE);
    const largest = sim.estate().registries.find((r) => r.repositories.length === Math.max(...sizes))!;
    const { rows: ids } = await shared.pool.query<{ arm_id: string }>("SELECT arm_id FROM registries WHERE name = $1", [
      largest.name,
    ]);
    const largestParts = batches.filter((b) => b.arm_id === ids[0].arm_id).map((b) => b.part);
    expect(largestParts.sort()).toEqual([1, 2, 3]);
    expect(batches.every((b) => b.state === "completed")).toBe(true);
    // The batch the killed worker held was taken over: retried, then completed.
    expect(batches.find((b) => b.id === held.id)?.retry_count).toBeGreaterThanOrEqual(1);
    // Each registry recorded once, succeeded; the batches' requests counted on the run; nothing left staged.
    const { rows: results } = await shared.pool.query<{ status: string }>(
      "SELECT status FROM sync_registry_results WHERE sync_run_id = $1",
      [runId],
    );
    expect(results.map((r) => r.status)).toEqual(Array(registries).fill("succeeded"));
    expect(run.requests).toBeGreaterThan(0);
    const staged = await shared.pool.query("SELECT 1 FROM sync_staged_reads");
    expect(staged.rowCount).toBe(0);
    expect((await listJobs(SYNC_REGISTRY_QUEUE)).every((j) => j.state === "completed")).toBe(true);
    expect(diffFingerprints(await fingerprintInventory(shared.pool), await fingerprintInventory(clean.pool))).toEqual(
      [],
    );
  }, 300_000);
});
