/**
 * A sync whose lease is taken by another process (it expired unrenewed, and the other took it)
 * stops before writing anything more: no registry written, the run recorded failed saying why,
 * and the other holder's lease left as it is.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { scopeSignal } from "../azure/http-client";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { setCrashHook } from "./crash-points";
import { runSync } from "./run-sync";

let sim: RunningSimulator;
let testDb: TestDatabase;

beforeAll(async () => {
  sim = await startSimulator({ seed: 4, scale: "small", date: new Date("2026-09-01T12:00:00Z") });
  testDb = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  setCrashHook(undefined);
  await testDb?.drop();
  await sim?.close();
});

const THIEF = "00000000-0000-4000-8000-000000000001";

describe("a sync that loses its lease", () => {
  it("aborts before writing any registry and is recorded failed", async () => {
    const { pool } = testDb;
    setCrashHook(async (point) => {
      if (point !== "discovered") return;
      // Another process on another machine takes the lease, as if it had expired unrenewed.
      await pool.query(
        "UPDATE leases SET owner = $1, host = 'elsewhere', pid = 1, expires_at = now() + interval '1 hour'",
        [THIEF],
      );
      // The next renewal (every third of the 600 ms lease) finds it gone and aborts the sync's signal.
      const signal = scopeSignal();
      await vi.waitFor(() => expect(signal?.aborted).toBe(true), { timeout: 10_000, interval: 50 });
    });
    const summary = await runSync({
      pool,
      connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
      asOf: new Date("2026-09-01T12:00:00Z"),
      concurrency: 8,
      leaseMs: 600,
    });
    setCrashHook(undefined);

    expect(summary.status).toBe("failed");
    expect(summary.errors.find((e) => e.registry === "*")?.message).toMatch(
      /"sync" lease was lost.*another process took it/,
    );
    const { rows: registries } = await pool.query("SELECT 1 FROM registries");
    expect(registries).toHaveLength(0);
    const { rows: runs } = await pool.query<{ status: string; errors: { message: string }[] }>(
      "SELECT status, errors FROM sync_runs WHERE id = $1",
      [summary.runId],
    );
    expect(runs[0].status).toBe("failed");
    expect(runs[0].errors.some((e) => /lease was lost/.test(e.message))).toBe(true);
    // The other holder keeps the lease: releasing ours did not remove it.
    const { rows: leases } = await pool.query<{ owner: string }>("SELECT owner FROM leases WHERE name = 'sync'");
    expect(leases.map((l) => l.owner)).toEqual([THIEF]);
  }, 120_000);
});
