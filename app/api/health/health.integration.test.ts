/**
 * GET /api/health against a real database holding the runs of each state, with the default
 * schedule (every 6 hours: stale after 12) and deadline (120 minutes).
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getHealth } from "@/lib/sync/get-health";
import { acquireSyncLock, releaseSyncLock } from "@/lib/sync/lock";
import { useTestDatabase } from "@/lib/testing/database";
import { createSyncRun } from "@/lib/testing/factories";
import { GET } from "./route";

const testDb = useTestDatabase();

const HOUR = 60 * 60_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR);

async function health() {
  const response = await GET();
  return { status: response.status, body: await response.json() };
}

describe("GET /api/health", () => {
  it("is ok with no run yet: nothing to judge before the first sync", async () => {
    expect(await health()).toEqual({
      status: 200,
      body: {
        ok: true,
        database: "ok",
        reasons: [],
        lastSync: null,
        lastSuccessfulSync: null,
        running: null,
        staleAfterMinutes: 720,
      },
    });
  });

  it("is ok while the first sync is due, and 503 once it has had twice the interval without a success", async () => {
    await createSyncRun(testDb.db, { status: "failed", startedAt: hoursAgo(11) });
    expect(await health()).toMatchObject({
      status: 200,
      body: { ok: true, lastSync: { status: "failed" }, lastSuccessfulSync: null },
    });
    await testDb.truncate();
    await createSyncRun(testDb.db, { status: "failed", startedAt: hoursAgo(13) });
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.ok).toBe(false);
    expect(body.reason).toMatch(/^no sync has succeeded since the first one started 780 minutes ago/);
  });

  it("reports a recent successful sync as ok, with its age", async () => {
    await createSyncRun(testDb.db, { status: "succeeded", startedAt: hoursAgo(30) });
    const recent = await createSyncRun(testDb.db, {
      status: "partial",
      startedAt: hoursAgo(2),
      finishedAt: hoursAgo(1),
    });
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      database: "ok",
      lastSync: { id: recent.id, status: "partial", finishedAt: recent.finishedAt!.toISOString(), ageMinutes: 60 },
      lastSuccessfulSync: { id: recent.id, ageMinutes: 60 },
      running: null,
    });
    expect(body.reason).toBeUndefined();
  });

  it("answers 503 when the last successful sync is older than twice the interval, naming it", async () => {
    const old = await createSyncRun(testDb.db, {
      status: "succeeded",
      startedAt: hoursAgo(14),
      finishedAt: hoursAgo(13),
    });
    await createSyncRun(testDb.db, { status: "timed out", startedAt: hoursAgo(3), finishedAt: hoursAgo(1) });
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({
      ok: false,
      database: "ok",
      lastSync: { status: "timed out", ageMinutes: 60 },
      lastSuccessfulSync: { id: old.id, ageMinutes: 780 },
    });
    expect(body.reason).toBe(
      `the last successful sync (#${old.id}) finished 780 minutes ago, more than twice the schedule's interval (720 minutes, SYNC_SCHEDULE)`,
    );
  });

  it("answers 503 while a sync that holds the lock runs past its deadline, and ignores a running row nobody holds", async () => {
    await createSyncRun(testDb.db, { status: "succeeded", startedAt: hoursAgo(4) });
    const stuck = await createSyncRun(testDb.db, { status: "running", startedAt: hoursAgo(3) });
    // Nobody holds the lock: that process has ended, and the row says nothing about a live sync.
    expect(await health()).toMatchObject({ status: 200, body: { ok: true, running: null } });

    const lock = await acquireSyncLock(testDb.pool);
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body.running).toEqual({
        id: stuck.id,
        startedAt: stuck.startedAt.toISOString(),
        runningMinutes: 180,
        deadlineMinutes: 120,
      });
      expect(body.reason).toBe(
        `sync #${stuck.id} has been running for 180 minutes, past its deadline of 120 minutes (SYNC_TIMEOUT_MINUTES)`,
      );
    } finally {
      await releaseSyncLock(lock);
    }
  });

  it("is ok while a sync that holds the lock is within its deadline", async () => {
    await createSyncRun(testDb.db, { status: "succeeded", startedAt: hoursAgo(5) });
    const current = await createSyncRun(testDb.db, { status: "running", startedAt: hoursAgo(1) });
    const lock = await acquireSyncLock(testDb.pool);
    try {
      expect(await health()).toMatchObject({
        status: 200,
        body: { ok: true, running: { id: current.id, runningMinutes: 60 } },
      });
    } finally {
      await releaseSyncLock(lock);
    }
  });

  it("answers 503 naming the database when it cannot be reached", async () => {
    // A port nothing listens on: the connection is refused.
    const unreachable = new pg.Pool({
      connectionString: "postgresql://ledger@127.0.0.1:1/ledger",
      connectionTimeoutMillis: 2_000,
    });
    try {
      const result = await getHealth({ pool: async () => unreachable });
      expect(result).toMatchObject({ ok: false, database: expect.stringMatching(/^unreachable: .*ECONNREFUSED/) });
    } finally {
      await unreachable.end();
    }
  });
});
