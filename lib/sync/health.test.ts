import { describe, expect, it } from "vitest";
import { judgeSyncHealth, scheduleIntervalMs, type HealthInput, type StoredRun } from "./health";

const NOW = new Date("2026-12-02T12:00:00Z"); // a Wednesday
const HOUR = 60 * 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const run = (
  id: number,
  status: string,
  startedAt: Date,
  finishedAt: Date | null = new Date(startedAt.getTime() + 60_000),
): StoredRun => ({ id, status, startedAt, finishedAt });

const input = (overrides: Partial<HealthInput>): HealthInput => ({
  now: NOW,
  schedule: "0 */6 * * *",
  timeoutMinutes: 120,
  lastRun: null,
  lastSuccess: null,
  firstRun: null,
  running: null,
  ...overrides,
});

describe("the schedule's interval", () => {
  it("is the gap between occurrences of a regular schedule", () => {
    expect(scheduleIntervalMs("0 */6 * * *", NOW)).toBe(6 * HOUR);
    expect(scheduleIntervalMs("*/15 * * * *", NOW)).toBe(15 * 60_000);
  });

  it("is the longest gap over the coming week, so a weekday schedule allows its weekend", () => {
    expect(scheduleIntervalMs("0 2 * * 1-5", NOW)).toBe(72 * HOUR);
  });
});

describe("sync health", () => {
  it("is ok with a recent success, and reports the last run and the interval", () => {
    const success = run(3, "succeeded", ago(2 * HOUR));
    const health = judgeSyncHealth(
      input({ lastRun: success, lastSuccess: success, firstRun: run(1, "failed", ago(100 * HOUR)) }),
    );
    expect(health).toMatchObject({ ok: true, reasons: [], staleAfterMinutes: 720, running: null });
    expect(health.lastSync).toEqual({
      id: 3,
      status: "succeeded",
      finishedAt: ago(2 * HOUR - 60_000).toISOString(),
      ageMinutes: 119,
    });
  });

  it("is not ok once the last success is older than twice the interval, even with a newer failure", () => {
    const success = run(3, "partial", ago(13 * HOUR));
    const health = judgeSyncHealth(
      input({ lastRun: run(4, "failed", ago(HOUR)), lastSuccess: success, firstRun: success }),
    );
    expect(health.ok).toBe(false);
    expect(health.reasons).toEqual([
      expect.stringMatching(
        /last successful sync \(#3\) finished 779 minutes ago, more than twice the schedule's interval \(720 minutes/,
      ),
    ]);
    expect(health.lastSync?.status).toBe("failed");
  });

  it("gives a never-synced inventory twice the interval from its first run, and nothing to judge before any run", () => {
    expect(judgeSyncHealth(input({})).ok).toBe(true);
    expect(
      judgeSyncHealth(input({ firstRun: run(1, "failed", ago(11 * HOUR)), lastRun: run(1, "failed", ago(11 * HOUR)) }))
        .ok,
    ).toBe(true);
    const overdue = judgeSyncHealth(
      input({ firstRun: run(1, "failed", ago(13 * HOUR)), lastRun: run(2, "timed out", ago(HOUR)) }),
    );
    expect(overdue.ok).toBe(false);
    expect(overdue.reasons[0]).toMatch(/no sync has succeeded since the first one started 780 minutes ago/);
  });

  it("is not ok while a sync runs past its deadline", () => {
    const success = run(1, "succeeded", ago(3 * HOUR));
    const within = judgeSyncHealth(
      input({ lastRun: success, lastSuccess: success, running: run(2, "running", ago(HOUR), null) }),
    );
    expect(within).toMatchObject({ ok: true, running: { id: 2, runningMinutes: 60, deadlineMinutes: 120 } });
    const past = judgeSyncHealth(
      input({ lastRun: success, lastSuccess: success, running: run(2, "running", ago(2.5 * HOUR), null) }),
    );
    expect(past.ok).toBe(false);
    expect(past.reasons).toEqual([
      "sync #2 has been running for 150 minutes, past its deadline of 120 minutes (SYNC_TIMEOUT_MINUTES)",
    ]);
  });
});
