/**
 * A sync's deadline, against the simulator and a real PostgreSQL: one registry's endpoints stall
 * (never answer), so the deadline is sure to pass mid-sync. The run stops, is recorded "timed
 * out", releases the lock, and every registry it did not write keeps its last good inventory.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { expectedRegistryStorage } from "@/lib/testing/ground-truth";
import { runSync } from "./run-sync";

const DAY1 = new Date("2026-10-01T12:00:00Z");
const DAY2 = new Date("2026-10-15T12:00:00Z");
const DEADLINE_MS = 3_000;

let sim: RunningSimulator;
let testDb: TestDatabase;

const sync = (asOf: Date, timeoutMs?: number) =>
  runSync({
    pool: testDb.pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf,
    concurrency: 8,
    timeoutMs,
  });

/** Each registry's stored repositories, as comparable rows. */
async function storedByRegistry(): Promise<Map<string, unknown[]>> {
  const { rows } = await testDb.pool.query<{
    registry: string;
    repository: string;
    updated: Date | null;
    logical: string;
    manifests: number;
    tags: number;
  }>(
    `SELECT g.name AS registry, r.name AS repository, r.last_updated_at AS updated, r.logical_bytes AS logical,
            r.manifest_count AS manifests, r.tag_count AS tags
     FROM repositories r JOIN registries g ON g.id = r.registry_id ORDER BY 1, 2`,
  );
  const out = new Map<string, unknown[]>();
  for (const row of rows) out.set(row.registry, [...(out.get(row.registry) ?? []), row]);
  return out;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "small", date: DAY1 });
  testDb = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

describe("a sync's deadline", () => {
  it("stops the sync mid-way, records it timed out, releases the lock and keeps what it did not write", async () => {
    // A run left "running" by a process that ended: the next sync, holding the lock, says so.
    const orphan = await testDb.pool.query<{ id: number }>(
      "INSERT INTO sync_runs (status, trigger, started_at, as_of) VALUES ('running', 'cli', now() - interval '1 day', now()) RETURNING id",
    );
    expect((await sync(DAY1)).status).toBe("succeeded");
    const orphanAfter = await testDb.pool.query<{ status: string; finished_at: Date | null }>(
      "SELECT status, finished_at FROM sync_runs WHERE id = $1",
      [orphan.rows[0].id],
    );
    expect(orphanAfter.rows[0]).toMatchObject({ status: "interrupted", finished_at: expect.any(Date) });

    const before = await storedByRegistry();
    const day1Bytes = new Map(sim.estate().registries.map((r) => [r.name, expectedRegistryStorage(r).storedBytes]));
    sim.setDate(DAY2);
    // The victim is a registry the new day changes: had it been written, its inventory would differ.
    const victim = sim
      .estate()
      .registries.find((r) => expectedRegistryStorage(r).storedBytes !== day1Bytes.get(r.name))!;
    expect(victim).toBeDefined();

    sim.setFaults({ rules: [{ kind: "stall", registry: victim.name }] });
    const started = Date.now();
    let summary;
    try {
      summary = await sync(DAY2, DEADLINE_MS);
    } finally {
      sim.setFaults(null);
    }
    // Stopped soon after the deadline, not after the stalled requests' own 60 s timeouts.
    const elapsedMs = Date.now() - started;
    expect(elapsedMs).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(elapsedMs).toBeLessThan(DEADLINE_MS + 5_000);
    expect(summary.status).toBe("timed out");
    expect(summary.errors).toContainEqual({
      registry: "*",
      message:
        "timed out: the sync passed its deadline of 3 s (SYNC_TIMEOUT_MINUTES); registries not written keep their last inventory",
    });
    expect(summary.errors).toContainEqual({
      registry: victim.name,
      message: "timed out: the sync passed its deadline of 3 s (SYNC_TIMEOUT_MINUTES)",
    });

    const run = await testDb.pool.query<{ status: string; finished_at: Date | null }>(
      "SELECT status, finished_at FROM sync_runs WHERE id = $1",
      [summary.runId],
    );
    expect(run.rows[0]).toMatchObject({ status: "timed out", finished_at: expect.any(Date) });
    const results = await testDb.pool.query<{ registry_name: string; status: string }>(
      "SELECT registry_name, status FROM sync_registry_results WHERE sync_run_id = $1",
      [summary.runId],
    );
    const written = new Set(results.rows.filter((r) => r.status === "succeeded").map((r) => r.registry_name));
    expect(written.has(victim.name)).toBe(false);

    // Every registry this run did not write is exactly as the last good sync left it.
    const after = await storedByRegistry();
    for (const registry of sim.estate().registries) {
      if (!written.has(registry.name))
        expect(after.get(registry.name), registry.name).toEqual(before.get(registry.name));
    }
    const victimBytes = await testDb.pool.query<{ stored_bytes: string }>(
      "SELECT stored_bytes FROM registries WHERE name = $1",
      [victim.name],
    );
    expect(BigInt(victimBytes.rows[0].stored_bytes)).toBe(day1Bytes.get(victim.name));

    // The lock was released: the next sync starts, and completes the day.
    const next = await sync(DAY2);
    expect(next.status).toBe("succeeded");
    const synced = await testDb.pool.query<{ stored_bytes: string }>(
      "SELECT stored_bytes FROM registries WHERE name = $1",
      [victim.name],
    );
    expect(BigInt(synced.rows[0].stored_bytes)).toBe(expectedRegistryStorage(victim).storedBytes);
  }, 180_000);
});
