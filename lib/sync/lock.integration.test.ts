/**
 * The sync lock through PgBouncer in transaction mode, where each statement may run on another
 * server connection: a session advisory lock is left on whichever connection took it, while
 * the lease lives in rows every connection sees.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isLedgerError } from "../errors";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { acquireSyncLock, isSyncLockHeld, releaseSyncLock } from "./lock";

const ADVISORY_KEY = 7_340_021;

let testDb: TestDatabase;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase({ throughPgbouncer: true });
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
  await testDb.truncate();
});
afterAll(() => testDb.drop());

/** Another process's pool: its own client connections to PgBouncer. */
function otherPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: testDb.url, max: 2 });
  pool.on("error", () => undefined);
  pools.push(pool);
  return pool;
}

const refused = (e: unknown) => isLedgerError(e, "conflict");

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("close", resolve));
  return child.pid!;
}

async function insertHolder(host: string, pid: number, expiresIn: string): Promise<void> {
  await testDb.pool.query(
    `INSERT INTO leases (name, owner, host, pid, expires_at) VALUES ('sync', gen_random_uuid(), $1, $2, now() + $3::interval)`,
    [host, pid, expiresIn],
  );
}

describe("a session advisory lock behind PgBouncer", () => {
  it("cannot be released by the client that took it once its server connection is lent to another", async () => {
    const holder = await otherPool().connect();
    try {
      expect((await holder.query("SELECT pg_try_advisory_lock($1) AS ok", [ADVISORY_KEY])).rows[0].ok).toBe(true);
      // Pin, inside open transactions, server connections until one is the lock's.
      const pinned: pg.Client[] = [];
      try {
        for (let found = false; !found && pinned.length < 20;) {
          const client = new pg.Client({ connectionString: testDb.url });
          client.on("error", () => undefined);
          pinned.push(client);
          await client.connect();
          await client.query("BEGIN");
          const { rows } = await client.query<{ mine: boolean }>(
            `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND pid = pg_backend_pid()) AS mine`,
            [ADVISORY_KEY],
          );
          found = rows[0].mine;
        }
        // The unlock runs on another server connection, which holds no such lock.
        expect((await holder.query("SELECT pg_advisory_unlock($1) AS ok", [ADVISORY_KEY])).rows[0].ok).toBe(false);
      } finally {
        await Promise.all(pinned.map((c) => c.end().catch(() => undefined)));
      }
    } finally {
      holder.release(true);
    }
  });
});

describe("the sync lease behind PgBouncer", () => {
  it("refuses a second sync from another process while the first holds it, and lets it in once released", async () => {
    const first = await acquireSyncLock(otherPool());
    const second = otherPool();
    await expect(acquireSyncLock(second)).rejects.toSatisfy(refused);
    expect(await isSyncLockHeld(second)).toBe(true);
    await releaseSyncLock(first);
    expect(await isSyncLockHeld(second)).toBe(false);
    await releaseSyncLock(await acquireSyncLock(second));
  });

  it("is renewed while held, past its first term", async () => {
    const lock = await acquireSyncLock(testDb.pool, 300);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const { rows } = await testDb.pool.query<{ live: boolean }>(
        "SELECT expires_at > now() AS live FROM leases WHERE owner = $1",
        [lock.owner],
      );
      expect(rows).toEqual([{ live: true }]);
      expect(lock.lost).toBe(false);
      await expect(acquireSyncLock(otherPool())).rejects.toSatisfy(refused);
    } finally {
      await releaseSyncLock(lock);
    }
  });

  it("held by a process killed on another machine: refused until it expires, then taken", async () => {
    await insertHolder("another-machine", process.pid, "1 hour");
    await expect(acquireSyncLock(testDb.pool)).rejects.toSatisfy(refused);
    expect(await isSyncLockHeld(testDb.pool)).toBe(true);
    await testDb.pool.query("UPDATE leases SET expires_at = now() - interval '1 second'");
    expect(await isSyncLockHeld(testDb.pool)).toBe(false);
    await releaseSyncLock(await acquireSyncLock(testDb.pool));
  });

  it("held by a process killed on this machine: taken at once", async () => {
    await insertHolder(os.hostname(), await deadPid(), "1 hour");
    expect(await isSyncLockHeld(testDb.pool)).toBe(false);
    const lock = await acquireSyncLock(testDb.pool);
    expect((await testDb.pool.query("SELECT owner FROM leases")).rows).toEqual([{ owner: lock.owner }]);
    await releaseSyncLock(lock);
    expect((await testDb.pool.query("SELECT owner FROM leases")).rows).toEqual([]);
  });
});
