/**
 * A sync through the queue that finds nothing changed: one request per repository (its
 * properties, on the clients the previous sync kept; no token exchange, no listing, no body) plus
 * the registry's catalog, and nothing written but each registry's last-synced time: every
 * inventory row as it was, the inventory token kept (so the figures kept by it stay current). A
 * sync of a new day, or one after another writer moved a registry's token, writes in full. A new
 * process, which holds nothing of the last sync, tells an unchanged registry alike from what is
 * stored with its token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { forgetKeptInventory } from "../sync/kept-inventory";
import type { SyncSource } from "../sync/source";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { getBoss, stopBosses } from "./boss";
import { startSyncRun } from "./start-sync-run";
import { workSyncJobs } from "./sync-worker";
import { waitForRun } from "./wait-for-run";

const DAY = "2026-09-01";
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);

/** Tables a registry's write stores; each row's physical version (xmin) changes when it is rewritten. */
const INVENTORY_TABLES = [
  "repositories",
  "manifests",
  "tags",
  "tag_history",
  "registry_snapshots",
  "repository_snapshots",
  "registry_usages",
  "replications",
  "webhooks",
  "tasks",
  "task_runs",
];

let sim: RunningSimulator;
let testDb: TestDatabase;
let source: SyncSource;

/** A worker as a new process starts it: its own connection (data planes and clients), nothing kept of earlier syncs. */
async function startWorker() {
  source = {
    kind: "simulator",
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    now: async () => sim.getDate(),
    close: async () => {},
  };
  const boss = await getBoss(testDb.url, "worker");
  await workSyncJobs(boss, { pool: testDb.pool, source, registriesAtOnce: 2, log: () => {} });
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, scale: "small", date: at(DAY, 0) });
  testDb = await createTestDatabase();
  await startWorker();
}, 120_000);

afterAll(async () => {
  await stopBosses();
  await testDb?.drop();
  await sim?.close();
});

async function queuedSync(asOf: Date) {
  const boss = await getBoss(testDb.url, "worker");
  const { pool } = testDb;
  const { runId } = await startSyncRun({
    pool,
    boss,
    connection: source.connection,
    asOf,
    trigger: "cli",
    concurrency: 8,
  });
  return waitForRun(pool, runId);
}

/** Every inventory row's identity and version, per table. */
async function rowVersions(): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  for (const table of INVENTORY_TABLES) {
    const { rows } = await testDb.pool.query<{ v: string | null }>(
      `SELECT md5(string_agg(ctid::text || '@' || xmin::text, ',' ORDER BY ctid)) AS v FROM ${table}`,
    );
    versions[table] = `${rows[0].v}`;
  }
  return versions;
}

type RegistryRow = { name: string; token: string; synced: Date; repositories: number };

async function listRegistries(): Promise<RegistryRow[]> {
  const { rows } = await testDb.pool.query<RegistryRow>(
    `SELECT name, inventory_token::text AS token, last_synced_at AS synced, repository_count AS repositories
     FROM registries ORDER BY name`,
  );
  return rows;
}

async function requestsByRegistry(runId: number): Promise<Map<string, number>> {
  const { rows } = await testDb.pool.query<{ name: string; requests: number }>(
    "SELECT registry_name AS name, requests FROM sync_registry_results WHERE sync_run_id = $1",
    [runId],
  );
  return new Map(rows.map((r) => [r.name, r.requests]));
}

/** The worker restarted as a new process would be: nothing kept in memory, a new connection. */
async function restartAsNewProcess(): Promise<void> {
  await stopBosses();
  forgetKeptInventory();
  await startWorker();
}

/** Every inventory row and token as `before`, each registry's last-synced time moved to `syncedAt`. */
async function expectOnlySyncedTimeMoved(
  before: Record<string, string>,
  registriesBefore: RegistryRow[],
  syncedAt: Date,
) {
  expect(await rowVersions()).toEqual(before);
  const registriesAfter = await listRegistries();
  expect(registriesAfter.map((r) => r.token)).toEqual(registriesBefore.map((r) => r.token));
  expect(registriesAfter.map((r) => r.synced.toISOString())).toEqual(
    registriesBefore.map(() => syncedAt.toISOString()),
  );
}

describe("a sync with no change, through the queue", () => {
  it("reads each repository's properties once and writes nothing but the last-synced time", async () => {
    const first = await queuedSync(at(DAY, 10));
    expect(first.status).toBe("succeeded");
    const before = await rowVersions();
    const registriesBefore = await listRegistries();
    sim.resetStats();

    const again = await queuedSync(at(DAY, 11));

    expect(again.status).toBe("succeeded");
    expect(again.repositoriesListed).toBe(0);
    expect(again.manifestBodiesFetched).toBe(0);
    const requests = await requestsByRegistry(again.runId);
    for (const r of registriesBefore) expect(requests.get(r.name), r.name).toBe(r.repositories + 1); // + its catalog
    const served = sim.stats().byKind;
    const repositories = registriesBefore.reduce((n, r) => n + r.repositories, 0);
    expect(served.repository).toBe(repositories);
    expect([served.challenge, served.exchange, served.token, served.tags, served.manifests]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    await expectOnlySyncedTimeMoved(before, registriesBefore, at(DAY, 11));
  }, 240_000);

  it("writes in full a sync of a new day, and a registry another writer changed", async () => {
    const registriesBefore = await listRegistries();
    const nextDay = "2026-09-02";
    const next = await queuedSync(at(nextDay, 10));
    expect(next.status).toBe("succeeded");
    const { rows: snapshots } = await testDb.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM registry_snapshots WHERE day = $1",
      [nextDay],
    );
    expect(snapshots[0].n).toBe(registriesBefore.length);
    const written = await listRegistries();
    for (const [i, r] of written.entries()) expect(r.token, r.name).not.toBe(registriesBefore[i].token);

    const moved = written[0];
    await testDb.pool.query("UPDATE registries SET inventory_token = gen_random_uuid() WHERE name = $1", [moved.name]);
    const movedToken = (await listRegistries())[0].token;
    const after = await queuedSync(at(nextDay, 11));
    expect(after.status).toBe("succeeded");
    const tokens = (await listRegistries()).map((r) => r.token);
    expect(tokens[0]).not.toBe(movedToken); // written again in full
    expect(tokens.slice(1)).toEqual(written.slice(1).map((r) => r.token)); // the others still unchanged
  }, 120_000);

  it("in a new process, writes nothing but the last-synced time of each registry its last write stored", async () => {
    const day = "2026-09-02";
    expect((await queuedSync(at(day, 12))).status).toBe("succeeded"); // every registry as written by this process
    await restartAsNewProcess();
    const before = await rowVersions();
    const registriesBefore = await listRegistries();

    const again = await queuedSync(at(day, 13));

    expect(again.status).toBe("succeeded");
    expect(again.repositoriesListed).toBe(0);
    expect(again.manifestBodiesFetched).toBe(0);
    await expectOnlySyncedTimeMoved(before, registriesBefore, at(day, 13));
  }, 240_000);

  it("in a new process, writes in full a registry whose ARM details changed since its stored write", async () => {
    const day = "2026-09-02";
    await restartAsNewProcess();
    const registriesBefore = await listRegistries();
    const changed = sim.estate().registries.find((r) => r.name === registriesBefore[1].name)!;
    changed.adminUserEnabled = !changed.adminUserEnabled;

    const after = await queuedSync(at(day, 14));

    expect(after.status).toBe("succeeded");
    const registriesAfter = await listRegistries();
    expect(registriesAfter[1].token).not.toBe(registriesBefore[1].token); // written again in full
    const { rows } = await testDb.pool.query<{ admin: boolean }>(
      "SELECT admin_user_enabled AS admin FROM registries WHERE name = $1",
      [changed.name],
    );
    expect(rows[0].admin).toBe(changed.adminUserEnabled);
    const others = (rows: RegistryRow[]) => rows.filter((r) => r.name !== changed.name).map((r) => r.token);
    expect(others(registriesAfter)).toEqual(others(registriesBefore)); // the others still unchanged
  }, 240_000);
});
