/**
 * A test file's simulated estate synced into a database of its own: before the file's tests, the
 * small estate (seed 7) as of yesterday, a fresh test database, `prepare` (rules to save first) and
 * one full sync; after them, both closed. Every sync runs as of now, so it keeps what the pages
 * show by default (lib/sync/keep-derived.ts).
 */
import { afterAll, beforeAll } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { DAY_MS } from "../calendar";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { runSync } from "../sync/run-sync";
import type { SyncSummary } from "../sync/types";
import { createTestDatabase, type TestDatabase } from "./database";

/** A full sync of the small estate: ~25 s alone, several times that on a busy 2-core machine. */
export const FULL_SYNC_TIMEOUT_MS = 240_000;

export type SyncedEstate = {
  /** Set once the file's beforeAll has run. */
  readonly sim: RunningSimulator;
  readonly testDb: TestDatabase;
  sync(): Promise<SyncSummary>;
};

export function useSyncedEstate(prepare?: () => Promise<unknown>): SyncedEstate {
  let sim: RunningSimulator | undefined;
  let testDb: TestDatabase | undefined;
  const estate: SyncedEstate = {
    get sim() {
      if (!sim) throw new Error("the simulator starts in beforeAll");
      return sim;
    },
    get testDb() {
      if (!testDb) throw new Error("the test database is created in beforeAll");
      return testDb;
    },
    sync: () =>
      runSync({
        pool: estate.testDb.pool,
        connection: simulatorConnection(estate.sim.armEndpoint, estate.sim.caCertPem),
        asOf: new Date(),
        concurrency: 8,
      }),
  };
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, scale: "small", date: new Date(Date.now() - DAY_MS) });
    testDb = await createTestDatabase();
    await prepare?.();
    await estate.sync();
  }, FULL_SYNC_TIMEOUT_MS);
  afterAll(async () => {
    await sim?.close();
    await testDb?.drop();
  });
  return estate;
}
