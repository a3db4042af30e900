/**
 * A run nobody attends is finished by the next `npm run sync`: one killed with SIGKILL mid-run,
 * with no worker running, does not refuse the next one, which finishes the killed run and then
 * syncs as a clean sync does. A sync that is really running (its process alive) still refuses a
 * second one (exit 2, naming its run).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultPlanInput } from "../simulator/fault-plan";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { diffFingerprints, fingerprintInventory, type Fingerprint } from "../testing/inventory-fingerprint";
import { cleanInventory, findFreePortRange, runSyncProcess, type SyncProcessResult } from "../testing/sync-process";

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

beforeAll(async () => {
  port = await findFreePortRange(8);
  clean = await cleanInventory((await newDatabase()).pool, { seed: SEED, asOf: AS_OF, port });
}, 180_000);

afterAll(async () => {
  for (const db of databases) await db.drop();
});

const lastLine = (stdout: string): unknown => JSON.parse(stdout.trim().split("\n").at(-1)!);

async function runStatuses(db: TestDatabase): Promise<{ id: number; status: string }[]> {
  const { rows } = await db.pool.query<{ id: number; status: string }>("SELECT id, status FROM sync_runs ORDER BY id");
  return rows;
}

describe("npm run sync after a killed one, with no worker running", () => {
  it("finishes the killed run, then runs its own: exit 0, the inventory a clean sync's", async () => {
    const db = await newDatabase();
    const sync = (crashAt?: string) =>
      runSyncProcess({ databaseUrl: db.url, day: DAY, seed: SEED, simulatorPort: port, crashAt });

    // Killed inside a registry's write, its registry jobs queued and one of them active.
    const killed = await sync("repositories-written:2");
    expect(killed.signal, killed.stderr).toBe("SIGKILL");
    const [left] = await runStatuses(db);
    expect(left.status).toBe("running");

    const next = await sync();
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`sync: finishing run #${left.id}, left by a sync that stopped`);
    expect(lastLine(next.stdout)).toMatchObject({ status: "succeeded", timedOut: false });
    const runs = await runStatuses(db);
    expect(runs).toEqual([
      { id: left.id, status: "succeeded" },
      { id: expect.any(Number) as number, status: "succeeded" },
    ]);
    const { rows } = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sync_registry_results WHERE sync_run_id = $1",
      [left.id],
    );
    expect(rows[0].n).toBeGreaterThan(0);
    expect(diffFingerprints(await fingerprintInventory(db.pool), clean)).toEqual([]);
  }, 300_000);
});

describe("npm run sync while another is really running", () => {
  it("exits 2 naming the running run, and the running one finishes", async () => {
    const db = await newDatabase();
    // The first sync's first catalog request stalls, so it is still running when the second starts.
    const dir = mkdtempSync(path.join(tmpdir(), "left-run-"));
    const faults = path.join(dir, "stall.json");
    const plan: FaultPlanInput = { rules: [{ kind: "stall", path: "catalog", ms: 20_000, count: 1 }] };
    writeFileSync(faults, JSON.stringify(plan));
    process.env.SIMULATOR_FAULTS_FILE = faults;
    let first: Promise<SyncProcessResult>;
    try {
      first = runSyncProcess({ databaseUrl: db.url, day: DAY, seed: SEED, simulatorPort: port });
    } finally {
      delete process.env.SIMULATOR_FAULTS_FILE;
    }
    let running: { id: number } | undefined;
    while (!running) {
      const { rows } = await db.pool.query<{ id: number }>(
        "SELECT id FROM sync_runs WHERE status = 'running' AND plan IS NOT NULL",
      );
      running = rows[0];
      if (!running) await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Its own simulator on other ports: the first one's are taken.
    const second = await runSyncProcess({
      databaseUrl: db.url,
      day: DAY,
      seed: SEED,
      simulatorPort: await findFreePortRange(8),
    });
    expect(second.code, second.stderr).toBe(2);
    expect(second.stderr).toContain(`Another sync is already running (run #${running.id}`);

    const done = await first;
    expect(done.code, done.stderr).toBe(0);
    expect(await runStatuses(db)).toEqual([{ id: running.id, status: "succeeded" }]);
  }, 300_000);
});
