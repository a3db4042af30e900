/**
 * The sync killed at any instant: `npm run sync` in a child process SIGKILLs itself at named points
 * across every phase (listing, bodies, contents, the registry's transaction: repositories, trail,
 * storage, snapshots; after commit; recording; the apps' images), alone or together with its
 * PostgreSQL. After each kill every registry is either fully synced or exactly at its last good
 * inventory, and the next sync yields exactly what a clean sync yields: every stored row (but ids,
 * tokens, fetch times and run records) and every report.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { saveChargebackConfig } from "../chargeback/server/config-store";
import { closeDb } from "../db";
import { setEnvVar } from "../env";
import { TEST_ACTOR } from "../testing/actors";
import { startEmbeddedPostgres, type EmbeddedServer } from "../database/embedded";
import { applyMigrations } from "../database/migrate";
import { startSimulator } from "../simulator/server";
import {
  diffFingerprints,
  fingerprintInventory,
  registryPart,
  type Fingerprint,
} from "../testing/inventory-fingerprint";
import { finishQueuedRuns } from "../testing/finish-queued-run";
import { renderAllReports } from "../testing/render-all-reports";
import { findFreePortRange, isFree, runSyncProcess, type SyncProcessResult } from "../testing/sync-process";
import { CRASH_POINTS, setCrashHook } from "./crash-points";
import { runSync } from "./run-sync";
import type { SyncSource } from "./source";

const SEED = 7;
const DAY0 = "2026-09-01";
const DAY1 = "2026-09-15";

let port: number;
const created: string[] = [];
let clean0: string; // the estate of DAY0, synced once from empty
let clean1: string; // clean0, then DAY1 synced once
let fingerprint0: Fingerprint;
let fingerprint1: Fingerprint;
let registryNames: string[];

const adminUrl = () => inject("testDatabaseServerUrl");

function urlOf(name: string, server = adminUrl()): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string, server = adminUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database copied from `template` (a migrated empty one by default). */
async function createDatabase(template = inject("testDatabaseTemplate")): Promise<string> {
  const name = `crash_${randomUUID().replaceAll("-", "")}`;
  await admin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  created.push(name);
  return name;
}

async function withPool<T>(url: string, use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  pool.on("error", () => undefined);
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}

const fingerprintOf = (url: string) => withPool(url, fingerprintInventory);
const middayOf = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * A sync in this process, against a simulator on the same ports as the child processes'. A killed
 * `npm run sync` leaves its queued run live: a worker here finishes it first, as any worker would.
 * The database it syncs is this process's DATABASE_URL meanwhile, as it is for `npm run sync`
 * (the sync's last steps read the teams document there), and its connections end with the sync.
 */
async function syncHere(url: string, day: string) {
  const sim = await startSimulator({ seed: SEED, scale: "small", date: middayOf(day), port });
  const connection = simulatorConnection(sim.armEndpoint, sim.caCertPem);
  await closeDb();
  setEnvVar("DATABASE_URL", url);
  try {
    return await withPool(url, async (pool) => {
      const source: SyncSource = {
        kind: "simulator",
        connection,
        now: async () => sim.getDate(),
        close: async () => {},
      };
      await finishQueuedRuns(url, pool, source);
      return runSync({ pool, connection, asOf: middayOf(day), concurrency: 8 });
    });
  } finally {
    await closeDb();
    await sim.close();
  }
}

async function expectCleanSyncHere(url: string, day: string) {
  const summary = await syncHere(url, day);
  expect(summary.errors).toEqual([]);
  expect(summary.status).toBe("succeeded");
}

function expectCleanExit(result: SyncProcessResult) {
  expect(result.signal, result.stderr).toBeNull();
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout.trim().split("\n").at(-1)!).status).toBe("succeeded");
}

function expectKilled(result: SyncProcessResult) {
  expect(result.signal, `the sync was not killed (exit ${result.code}): ${result.stdout}\n${result.stderr}`).toBe(
    "SIGKILL",
  );
}

function expectSame(actual: Fingerprint, expected: Fingerprint, what: string) {
  const diff = diffFingerprints(actual, expected);
  expect(diff, `${what}:\n${diff.join("\n")}`).toEqual([]);
}

/** Every registry is exactly as before the killed sync, or exactly as a clean sync leaves it. */
function expectEachRegistryAtLastGoodOrSynced(killed: Fingerprint) {
  for (const registry of registryNames) {
    const part = registryPart(killed, registry);
    const before = diffFingerprints(part, registryPart(fingerprint0, registry));
    const after = diffFingerprints(part, registryPart(fingerprint1, registry));
    expect(
      before.length === 0 || after.length === 0,
      `${registry} is half written:\nagainst its last good inventory:\n${before.join("\n")}\nagainst a clean sync:\n${after.join("\n")}`,
    ).toBe(true);
  }
}

/** Each digest's facts are complete (its counts stored and matched by its rows) or absent. */
async function expectFactsCompleteOrAbsent(url: string) {
  const { rows } = await withPool(url, (pool) =>
    pool.query<{ digest: string }>(
      `SELECT c.digest FROM manifest_contents c
       WHERE c.blob_count IS NULL OR c.child_count IS NULL
          OR c.blob_count <> (SELECT count(*) FROM manifest_blobs b WHERE b.manifest_digest = c.digest)
          OR c.child_count <> (SELECT count(*) FROM manifest_children h WHERE h.index_digest = c.digest)`,
    ),
  );
  expect(rows.map((r) => r.digest)).toEqual([]);
}

/** A team with a budget, so the budgets report has a row to compare (every database is a copy of this one). */
async function storeTeamsDocument(url: string) {
  await closeDb();
  setEnvVar("DATABASE_URL", url);
  try {
    await saveChargebackConfig(
      JSON.stringify({ teams: [{ name: "platform", budget: { monthly: "100.00" } }] }),
      TEST_ACTOR,
    );
  } finally {
    await closeDb();
  }
}

beforeAll(async () => {
  port = await findFreePortRange(8);
  clean0 = await createDatabase();
  await storeTeamsDocument(urlOf(clean0));
  await expectCleanSyncHere(urlOf(clean0), DAY0);
  clean1 = await createDatabase(clean0);
  await expectCleanSyncHere(urlOf(clean1), DAY1);
  fingerprint0 = await fingerprintOf(urlOf(clean0));
  fingerprint1 = await fingerprintOf(urlOf(clean1));
  registryNames = fingerprint1.registries.map((row) => row.split("\t")[0]);
  // The estate moved between the two days in every registry, so "before" and "after" differ.
  for (const registry of registryNames) {
    expect(
      diffFingerprints(registryPart(fingerprint0, registry), registryPart(fingerprint1, registry)).length,
      registry,
    ).toBeGreaterThan(0);
  }
}, 240_000);

afterAll(async () => {
  for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

/** Kill points of the incremental sync (DAY0 → DAY1): every phase, first and later passes. */
const REPORTS_COMPARED_AFTER = "storage-written:1";
const INCREMENTAL_KILLS = [
  "discovered",
  "repository-listed:20",
  "body-fetched:5",
  "contents-inserted:1",
  "contents-committed:2",
  "repositories-written:1",
  "trail-written:2",
  "storage-written:1",
  "snapshots-written:3",
  "registry-committed:1",
  "registry-recorded:2",
  "removed-marked",
  "app-images-written",
];

describe("a sync killed with SIGKILL, then run again", () => {
  it("covers every crash point", () => {
    const covered = new Set(INCREMENTAL_KILLS.map((k) => k.split(":")[0]));
    expect(CRASH_POINTS.filter((p) => !covered.has(p))).toEqual([]);
  });

  it.each(INCREMENTAL_KILLS)(
    "killed at %s: each registry kept its last good inventory or is fully synced; the next sync equals a clean one",
    async (crashAt) => {
      const db = await createDatabase(clean0);
      expectKilled(
        await runSyncProcess({ databaseUrl: urlOf(db), day: DAY1, seed: SEED, simulatorPort: port, crashAt }),
      );
      expectEachRegistryAtLastGoodOrSynced(await fingerprintOf(urlOf(db)));
      await expectFactsCompleteOrAbsent(urlOf(db));
      await expectCleanSyncHere(urlOf(db), DAY1);
      expectSame(await fingerprintOf(urlOf(db)), fingerprint1, `after ${crashAt} and a new sync`);
      if (crashAt === REPORTS_COMPARED_AFTER) await expectSameReports(urlOf(db), urlOf(clean1));
    },
    120_000,
  );

  it.each(["body-fetched:40", "contents-inserted:2"])(
    "killed at %s during a first sync from empty: the next sync equals a clean one",
    async (crashAt) => {
      const db = await createDatabase();
      expectKilled(
        await runSyncProcess({ databaseUrl: urlOf(db), day: DAY0, seed: SEED, simulatorPort: port, crashAt }),
      );
      await expectFactsCompleteOrAbsent(urlOf(db));
      await expectCleanSyncHere(urlOf(db), DAY0);
      expectSame(await fingerprintOf(urlOf(db)), fingerprint0, `after ${crashAt} and a new sync`);
    },
    120_000,
  );
});

/** Every report, in every format, byte for byte. */
async function expectSameReports(actualUrl: string, expectedUrl: string) {
  const expected = await renderAllReports(expectedUrl);
  const actual = await renderAllReports(actualUrl);
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [name, text] of expected) {
    // The audit log lists people's changes; a sync is not one, so it is the one report empty here.
    if (!name.startsWith("audit.")) expect(text.split("\n").length, `${name} has rows`).toBeGreaterThan(2);
    expect(actual.get(name), name).toBe(text);
  }
}

describe("PostgreSQL killed or restarted during a sync", () => {
  let dataDir: string;
  let server: EmbeddedServer;

  /** All of it at once, backends too, as when its machine or container dies; then the same server again. */
  const crashAndRestartPostgres = async () => {
    const pid = Number((await fs.readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0]);
    const serverPort = Number(new URL(server.url).port);
    spawnSync("pkill", ["-9", "-P", String(pid)]);
    process.kill(pid, "SIGKILL");
    await vi.waitFor(async () => expect(await isFree(serverPort), "the killed server's port is free").toBe(true), {
      timeout: 10_000,
      interval: 100,
    });
    const before = server.url;
    server = await startEmbeddedPostgres({ dataDir, database: "ledger" });
    expect(server.url, "restarted on its own port").toBe(before);
  };

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "registry-ledger-crash-"));
    await fs.chmod(dataDir, 0o755);
    server = await startEmbeddedPostgres({ dataDir, database: "ledger" });
    await applyMigrations(server.url);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it("the sync and its database killed together: after a restart the next sync equals a clean one", async () => {
    expectCleanExit(await runSyncProcess({ databaseUrl: server.url, day: DAY0, seed: SEED, simulatorPort: port }));
    expectSame(await fingerprintOf(server.url), fingerprint0, "first sync on the own server");
    expectKilled(
      await runSyncProcess({
        databaseUrl: server.url,
        day: DAY1,
        seed: SEED,
        simulatorPort: port,
        crashAt: "snapshots-written:2",
      }),
    );
    await crashAndRestartPostgres();
    expectEachRegistryAtLastGoodOrSynced(await fingerprintOf(server.url));
    await expectCleanSyncHere(server.url, DAY1);
    expectSame(await fingerprintOf(server.url), fingerprint1, "after the crash of both and a new sync");
  }, 180_000);

  it("PostgreSQL restarted in the middle of a registry's write: the sync ends with that error, and the next sync equals a clean one", async () => {
    await admin(`CREATE DATABASE "restart"`, server.urlFor("postgres"));
    const url = server.urlFor("restart");
    await applyMigrations(url);
    setCrashHook(async (point, pass) => {
      if (point === "repositories-written" && pass === 1) await crashAndRestartPostgres();
    });
    try {
      const outcome = await syncHere(url, DAY0).then(
        (summary) => ({ summary }),
        (error: unknown) => ({ error }),
      );
      setCrashHook(undefined);
      const reported =
        "summary" in outcome ? outcome.summary.errors.map((e) => e.message).join("\n") : String(outcome.error);
      if ("summary" in outcome) expect(outcome.summary.status).not.toBe("succeeded");
      // Whichever statement met the restart first says so: the connection ended, was refused, or the server was starting.
      expect(reported).toMatch(/terminat|connection|ECONNREFUSED|starting up|shutting down/i);
      await expectFactsCompleteOrAbsent(url);
      await expectCleanSyncHere(url, DAY0);
      expectSame(await fingerprintOf(url), fingerprint0, "after the restart and a new sync");
    } finally {
      setCrashHook(undefined);
    }
  }, 180_000);
});
