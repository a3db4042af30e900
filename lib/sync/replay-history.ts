/**
 * Demo history: on a first start against the built-in simulator, sync the estate as it was `days`
 * days ago, then once per simulated day up to now, so the trends, costs and tag trail have months
 * behind them. Each day's sync is an ordinary incremental sync (only repositories the simulated
 * day changed are listed), except that the apps' in-use images are read on the last day only.
 * The simulator's clock moves on to the next day as soon as a day has been read, while its sync
 * still writes it. Never used with Azure, whose past cannot be replayed.
 */
import type { Pool } from "pg";
import type { AzureConnection } from "../azure/connection";
import { DAY_MS } from "../calendar";
import { runSync } from "./run-sync";
import type { SyncSummary } from "./types";

const ANALYZE_EVERY_DAYS = 30;

export type ReplayOptions = {
  pool: Pool;
  connection: AzureConnection;
  /** The simulator whose clock is moved (in this thread, or a worker's). */
  simulator: { setDate(date: Date): void | Promise<void> };
  /** Simulated days before `until` to start from. */
  days: number;
  until: Date;
  concurrency?: number;
  /** Called after each day's sync: `done` of `total` syncs (the simulator may be at the next day already). */
  onDay?: (done: number, total: number, summary: SyncSummary) => void;
};

export type ReplaySummary = { syncs: number; failed: number; durationMs: number; last: SyncSummary | null };

export async function replaySimulatorHistory(options: ReplayOptions): Promise<ReplaySummary> {
  const started = Date.now();
  const total = options.days + 1;
  let failed = 0;
  let last: SyncSummary | null = null;
  const dayAt = (i: number) => new Date(options.until.getTime() - (options.days - i) * DAY_MS);
  let clockMoved: Promise<void> = Promise.resolve(options.simulator.setDate(dayAt(0)));
  for (let i = 0; i < total; i++) {
    const asOf = dayAt(i);
    await clockMoved;
    // In-use images are an import each sync replaces whole, with no history: only today's counts.
    const lastDay = i === total - 1;
    // Once the day is read, the simulator steps to the next day while the sync writes this one.
    let moved = false;
    const moveOn = () => {
      if (moved || lastDay) return;
      moved = true;
      clockMoved = Promise.resolve(options.simulator.setDate(dayAt(i + 1)));
      clockMoved.catch(() => undefined); // awaited (and thrown) at the next day; not unhandled meanwhile
    };
    last = await runSync({
      pool: options.pool,
      connection: options.connection,
      asOf,
      trigger: "demo",
      concurrency: options.concurrency,
      appImages: lastDay,
      onRead: moveOn,
    });
    moveOn();
    if (last.status === "failed") failed += 1;
    // The first sync fills empty tables and the days add up fast: fresh planner statistics keep
    // the per-day statements on their indexes (autovacuum's analyze runs on its own, slower clock).
    if (i % ANALYZE_EVERY_DAYS === 0) await options.pool.query("ANALYZE");
    options.onDay?.(i + 1, total, last);
  }
  return { syncs: total, failed, durationMs: Date.now() - started, last };
}
