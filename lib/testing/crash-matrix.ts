/**
 * Test support for the crash matrix (lib/sync/crash-matrix*.integration.test.ts): the estate of two
 * simulated days synced cleanly once (the yardsticks every killed sync is compared with), databases
 * copied from them, syncs in a child process or in this one, and the checks. The matrix is split in
 * files so that two of its parts run at once; each file builds its own yardsticks.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { saveChargebackConfig } from "../chargeback/server/config-store";
import { closeDb } from "../db";
import { setEnvVar } from "../env";
import { startSimulator } from "../simulator/server";
import { runSync } from "../sync/run-sync";
import type { SyncSource } from "../sync/source";
import { TEST_ACTOR } from "./actors";
import { finishQueuedRuns } from "./finish-queued-run";
import { diffFingerprints, fingerprintInventory, registryPart, type Fingerprint } from "./inventory-fingerprint";
import { renderAllReports } from "./render-all-reports";
import { findFreePortRange, runSyncProcess, type SyncProcessResult } from "./sync-process";

export const SEED = 7;
export const DAY0 = "2026-09-01";
export const DAY1 = "2026-09-15";

/** Kill points of the incremental sync (DAY0 → DAY1): every phase, first and later passes. */
export const INCREMENTAL_KILLS = [
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
/** The kills each file of the matrix runs: the list cut in two, so together they are all of it. */
const SPLIT_AT = 8;
export const EARLY_KILLS = INCREMENTAL_KILLS.slice(0, SPLIT_AT);
export const LATE_KILLS = INCREMENTAL_KILLS.slice(SPLIT_AT);
/**
 * A case takes 10–20 s on its own on 2 cores; the limit only catches a hang, and leaves room for
 * another test file (and, on a shared machine, other work) taking the cores meanwhile. A case that
 * ran out would leave its simulator on the file's ports and fail the cases after it.
 */
export const CASE_TIMEOUT_MS = 300_000;
/** After this kill every report is also compared with a clean sync's, byte for byte. */
export const REPORTS_COMPARED_AFTER = "storage-written:1";

export type CrashMatrix = {
  /** The simulator's ARM port; its registries' follow. The same for every sync of the file. */
  port: number;
  /** The estate of DAY0, synced once from empty. */
  clean0: string;
  /** clean0, then DAY1 synced once. */
  clean1: string;
  fingerprint0: Fingerprint;
  fingerprint1: Fingerprint;
  registryNames: string[];
};

const adminUrl = () => inject("testDatabaseServerUrl");

export function urlOf(name: string, server = adminUrl()): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function admin(sql: string, server = adminUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const created: string[] = [];

/** A new database copied from `template` (a migrated empty one by default), dropped after the file. */
export async function createDatabase(template = inject("testDatabaseTemplate")): Promise<string> {
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

export const fingerprintOf = (url: string) => withPool(url, fingerprintInventory);
const middayOf = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * Registers the file's hooks: before its tests, the two clean syncs and their fingerprints (the
 * returned object is filled then); after them, every database the file created is dropped.
 */
export function useCrashMatrix(): CrashMatrix {
  const matrix = {} as CrashMatrix;
  beforeAll(async () => {
    matrix.port = await findFreePortRange(8);
    matrix.clean0 = await createDatabase();
    await storeTeamsDocument(urlOf(matrix.clean0));
    await expectCleanSyncHere(matrix, urlOf(matrix.clean0), DAY0);
    matrix.clean1 = await createDatabase(matrix.clean0);
    await expectCleanSyncHere(matrix, urlOf(matrix.clean1), DAY1);
    matrix.fingerprint0 = await fingerprintOf(urlOf(matrix.clean0));
    matrix.fingerprint1 = await fingerprintOf(urlOf(matrix.clean1));
    matrix.registryNames = matrix.fingerprint1.registries.map((row) => row.split("\t")[0]);
    // The estate moved between the two days in every registry, so "before" and "after" differ.
    for (const registry of matrix.registryNames) {
      expect(
        diffFingerprints(registryPart(matrix.fingerprint0, registry), registryPart(matrix.fingerprint1, registry))
          .length,
        registry,
      ).toBeGreaterThan(0);
    }
  }, 2 * CASE_TIMEOUT_MS);
  afterAll(async () => {
    for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return matrix;
}

/** `npm run sync` of `day` in a child process, against the matrix's simulator ports. */
export function syncProcess(
  matrix: CrashMatrix,
  options: { databaseUrl: string; day: string; crashAt?: string },
): Promise<SyncProcessResult> {
  return runSyncProcess({ ...options, seed: SEED, simulatorPort: matrix.port });
}

/**
 * A sync in this process, against a simulator on the same ports as the child processes'. A killed
 * `npm run sync` leaves its queued run live: a worker here finishes it first, as any worker would.
 * The database it syncs is this process's DATABASE_URL meanwhile, as it is for `npm run sync`
 * (the sync's last steps read the teams document there), and its connections end with the sync.
 */
export async function syncHere(matrix: CrashMatrix, url: string, day: string) {
  const sim = await startSimulator({ seed: SEED, scale: "small", date: middayOf(day), port: matrix.port });
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

export async function expectCleanSyncHere(matrix: CrashMatrix, url: string, day: string) {
  const summary = await syncHere(matrix, url, day);
  expect(summary.errors).toEqual([]);
  expect(summary.status).toBe("succeeded");
}

export function expectCleanExit(result: SyncProcessResult) {
  expect(result.signal, result.stderr).toBeNull();
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout.trim().split("\n").at(-1)!).status).toBe("succeeded");
}

export function expectKilled(result: SyncProcessResult) {
  expect(result.signal, `the sync was not killed (exit ${result.code}): ${result.stdout}\n${result.stderr}`).toBe(
    "SIGKILL",
  );
}

export function expectSame(actual: Fingerprint, expected: Fingerprint, what: string) {
  const diff = diffFingerprints(actual, expected);
  expect(diff, `${what}:\n${diff.join("\n")}`).toEqual([]);
}

/** Every registry is exactly as before the killed sync, or exactly as a clean sync leaves it. */
export function expectEachRegistryAtLastGoodOrSynced(matrix: CrashMatrix, killed: Fingerprint) {
  for (const registry of matrix.registryNames) {
    const part = registryPart(killed, registry);
    const before = diffFingerprints(part, registryPart(matrix.fingerprint0, registry));
    const after = diffFingerprints(part, registryPart(matrix.fingerprint1, registry));
    expect(
      before.length === 0 || after.length === 0,
      `${registry} is half written:\nagainst its last good inventory:\n${before.join("\n")}\nagainst a clean sync:\n${after.join("\n")}`,
    ).toBe(true);
  }
}

/** Each digest's facts are complete (its counts stored and matched by its rows) or absent. */
export async function expectFactsCompleteOrAbsent(url: string) {
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

/** Every report, in every format, byte for byte. */
export async function expectSameReports(actualUrl: string, expectedUrl: string) {
  const expected = await renderAllReports(expectedUrl);
  const actual = await renderAllReports(actualUrl);
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [name, text] of expected) {
    // The audit log lists people's changes; a sync is not one, so it is the one report empty here.
    if (!name.startsWith("audit.")) expect(text.split("\n").length, `${name} has rows`).toBeGreaterThan(2);
    expect(actual.get(name), name).toBe(text);
  }
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

/**
 * The matrix's incremental kill test: a copy of clean0 synced to DAY1 by a process killed at
 * `crashAt`; each registry is at its last good inventory or synced, and the next sync equals a
 * clean one.
 */
export async function expectIncrementalKillRecovers(matrix: CrashMatrix, crashAt: string) {
  const db = await createDatabase(matrix.clean0);
  expectKilled(await syncProcess(matrix, { databaseUrl: urlOf(db), day: DAY1, crashAt }));
  expectEachRegistryAtLastGoodOrSynced(matrix, await fingerprintOf(urlOf(db)));
  await expectFactsCompleteOrAbsent(urlOf(db));
  await expectCleanSyncHere(matrix, urlOf(db), DAY1);
  expectSame(await fingerprintOf(urlOf(db)), matrix.fingerprint1, `after ${crashAt} and a new sync`);
  if (crashAt === REPORTS_COMPARED_AFTER) await expectSameReports(urlOf(db), urlOf(matrix.clean1));
}
