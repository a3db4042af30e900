/**
 * ACR's read limits: the simulator throttles past them (429 with Retry-After), and a sync held to
 * its budget never reaches them, storing the very inventory an unlimited sync stores; budget users
 * in separate processes share one budget through the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import type { SkuName } from "../simulator/estate";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { diffFingerprints, fingerprintInventory } from "../testing/inventory-fingerprint";
import { windowIndex, type ReadBudgetSettings } from "./read-budget";
import { createSyncReads } from "./read-meter";
import { runSync } from "./run-sync";

const DAY = new Date("2026-10-01T12:00:00Z");
/** Per window of WINDOW_MS: small enough that every registry of the small estate needs several windows. */
const LIMITS: Record<SkuName, number> = { Basic: 150, Standard: 200, Premium: 250 };
const WINDOW_MS = 1_000;
const BUDGET: ReadBudgetSettings = { perWindow: LIMITS, fraction: 0.9, windowMs: WINDOW_MS };

let sim: RunningSimulator;
const databases: TestDatabase[] = [];

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  return db;
}

const sync = (db: TestDatabase, readBudget: ReadBudgetSettings | null) =>
  runSync({
    pool: db.pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf: DAY,
    concurrency: 8,
    readBudget,
  });

async function registryReads(db: TestDatabase) {
  const { rows } = await db.pool.query<{ registry_name: string; requests: number; throttled: number }>(
    "SELECT registry_name, requests, throttled FROM sync_registry_results ORDER BY registry_name",
  );
  return rows;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "small", date: DAY });
});

afterAll(async () => {
  await sim?.close();
  await Promise.all(databases.map((d) => d.drop()));
});

describe("read limits", () => {
  it("a sync within its budget is never throttled and stores what an unlimited sync stores; without it, 429s are honoured", async () => {
    const unlimited = await database();
    const free = await sync(unlimited, null);
    expect(free.status).toBe("succeeded");
    expect(free.throttled).toBe(0);
    const expected = await fingerprintInventory(unlimited.pool);
    // Every registry needs more than one window at its limit.
    const perRegistry = await registryReads(unlimited);
    const skus = new Map(sim.estate().registries.map((r) => [r.name, r.sku]));
    for (const r of perRegistry)
      expect(r.requests, r.registry_name).toBeGreaterThan(LIMITS[skus.get(r.registry_name)!]);
    expect(free.requests).toBe(perRegistry.reduce((n, r) => n + r.requests, 0));

    sim.setReadLimits({ perWindow: LIMITS, windowMs: WINDOW_MS });
    try {
      sim.resetStats();
      const budgeted = await database();
      const held = await sync(budgeted, BUDGET);
      expect(held.status).toBe("succeeded");
      expect(held.throttled).toBe(0);
      expect(sim.stats().byKind.readLimited ?? 0).toBe(0);
      expect(held.requests).toBeGreaterThan(0);
      expect(diffFingerprints(await fingerprintInventory(budgeted.pool), expected)).toEqual([]);
      const { rows } = await budgeted.pool.query<{ requests: number; throttled: number }>(
        "SELECT requests, throttled FROM sync_runs WHERE id = $1",
        [held.runId],
      );
      expect(rows[0]).toEqual({ requests: held.requests, throttled: 0 });

      sim.resetStats();
      const unbudgeted = await database();
      const throttled = await sync(unbudgeted, null);
      expect(throttled.status).toBe("succeeded");
      expect(throttled.throttled).toBeGreaterThan(0);
      expect(throttled.throttled).toBe(sim.stats().byKind.readLimited);
      expect((await registryReads(unbudgeted)).some((r) => r.throttled > 0)).toBe(true);
      expect(diffFingerprints(await fingerprintInventory(unbudgeted.pool), expected)).toEqual([]);
    } finally {
      sim.setReadLimits(null);
    }
    // Three syncs of the estate, two of them paced to a window per second of reads.
  }, 180_000);

  it("two budget users share one budget: together they never take more than it in a window", async () => {
    const db = await database();
    const settings: ReadBudgetSettings = {
      perWindow: { Basic: 20, Standard: 20, Premium: 20 },
      fraction: 1,
      windowMs: 400,
    };
    const users = [createSyncReads(db.pool, settings), createSyncReads(db.pool, settings)];
    for (const u of users) u.register("shared.azurecr.io", "Basic");
    const perWindow = new Map<number, number>();
    await Promise.all(
      users.map(async (u) => {
        const reads = u.forHost("shared.azurecr.io")!;
        for (let i = 0; i < 60; i++) {
          await reads.take(undefined);
          const w = windowIndex(Date.now(), settings.windowMs);
          perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
          reads.sent(200);
        }
      }),
    );
    expect([...perWindow.values()].reduce((a, b) => a + b, 0)).toBe(120);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(20);
    expect(perWindow.size).toBeGreaterThanOrEqual(6);
    const { rows } = await db.pool.query<{ used: number }>("SELECT used FROM registry_read_budgets");
    for (const r of rows) expect(r.used).toBeLessThanOrEqual(20);
    expect(users.map((u) => u.totals())).toEqual([
      { requests: 60, throttled: 0 },
      { requests: 60, throttled: 0 },
    ]);
  });
});
