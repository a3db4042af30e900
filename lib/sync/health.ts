/**
 * Whether the inventory is being kept fresh, as /api/health answers it. Pure: the stored runs
 * come in, the verdict and its reasons go out.
 *
 * Unhealthy when
 * - the last successful sync ("succeeded" or "partial": some registries were refreshed) finished
 *   more than twice the schedule's interval ago, or
 * - a sync (one whose process still holds the lock) has run past its deadline.
 * An inventory never synced is healthy while its first sync is due: from the first run's start it
 * has twice the interval to succeed once; with no run at all there is nothing to judge yet.
 */
import { CronExpressionParser } from "cron-parser";

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 24 * 60 * MINUTE_MS;
/** Enough to see a week of an hourly schedule; a per-minute one has the same gaps long before. */
const MAX_OCCURRENCES = 500;

export type StoredRun = { id: number; status: string; startedAt: Date; finishedAt: Date | null };

export type HealthInput = {
  now: Date;
  /** SYNC_SCHEDULE (cron, UTC, as the worker schedules it). */
  schedule: string;
  /** SYNC_TIMEOUT_MINUTES. */
  timeoutMinutes: number;
  /** The newest finished run, of any status. */
  lastRun: StoredRun | null;
  /** The newest run that succeeded or was partial. */
  lastSuccess: StoredRun | null;
  /** The oldest run: when the inventory's first sync started. */
  firstRun: StoredRun | null;
  /** The run marked running, if a process holds the sync's lock (otherwise it has ended). */
  running: StoredRun | null;
};

export type SyncHealth = {
  ok: boolean;
  /** Why not ok: each reason in a sentence. */
  reasons: string[];
  lastSync: { id: number; status: string; finishedAt: string; ageMinutes: number } | null;
  lastSuccessfulSync: { id: number; finishedAt: string; ageMinutes: number } | null;
  running: { id: number; startedAt: string; runningMinutes: number; deadlineMinutes: number } | null;
  /** A sync is overdue once the last success is older than this: twice the schedule's interval. */
  staleAfterMinutes: number;
};

/**
 * The schedule's interval: the longest gap between its occurrences over the coming week (at least
 * two), so a schedule such as weekdays at 02:00 is judged by its weekend gap, not its daily one.
 */
export function scheduleIntervalMs(schedule: string, now: Date): number {
  const occurrences = CronExpressionParser.parse(schedule, { currentDate: now, tz: "UTC" });
  let previous = occurrences.next().getTime();
  let longest = 0;
  for (let i = 0; i < MAX_OCCURRENCES; i++) {
    const next = occurrences.next().getTime();
    longest = Math.max(longest, next - previous);
    if (next - now.getTime() > WEEK_MS) break;
    previous = next;
  }
  return longest;
}

const minutesBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / MINUTE_MS);

export function judgeSyncHealth(input: HealthInput): SyncHealth {
  const { now } = input;
  const staleAfterMinutes = Math.round((2 * scheduleIntervalMs(input.schedule, now)) / MINUTE_MS);
  const reasons: string[] = [];

  const success = input.lastSuccess;
  const successAt = success ? (success.finishedAt ?? success.startedAt) : null;
  if (successAt && minutesBetween(successAt, now) > staleAfterMinutes) {
    reasons.push(
      `the last successful sync (#${success!.id}) finished ${minutesBetween(successAt, now)} minutes ago, ` +
        `more than twice the schedule's interval (${staleAfterMinutes} minutes, SYNC_SCHEDULE)`,
    );
  } else if (!successAt && input.firstRun && minutesBetween(input.firstRun.startedAt, now) > staleAfterMinutes) {
    reasons.push(
      `no sync has succeeded since the first one started ${minutesBetween(input.firstRun.startedAt, now)} minutes ago ` +
        `(more than twice the schedule's interval: ${staleAfterMinutes} minutes, SYNC_SCHEDULE)`,
    );
  }

  const running = input.running;
  if (running && minutesBetween(running.startedAt, now) > input.timeoutMinutes) {
    reasons.push(
      `sync #${running.id} has been running for ${minutesBetween(running.startedAt, now)} minutes, ` +
        `past its deadline of ${input.timeoutMinutes} minutes (SYNC_TIMEOUT_MINUTES)`,
    );
  }

  const last = input.lastRun;
  const lastAt = last ? (last.finishedAt ?? last.startedAt) : null;
  return {
    ok: reasons.length === 0,
    reasons,
    lastSync:
      last && lastAt
        ? {
            id: last.id,
            status: last.status,
            finishedAt: lastAt.toISOString(),
            ageMinutes: minutesBetween(lastAt, now),
          }
        : null,
    lastSuccessfulSync:
      success && successAt
        ? { id: success.id, finishedAt: successAt.toISOString(), ageMinutes: minutesBetween(successAt, now) }
        : null,
    running: running
      ? {
          id: running.id,
          startedAt: running.startedAt.toISOString(),
          runningMinutes: minutesBetween(running.startedAt, now),
          deadlineMinutes: input.timeoutMinutes,
        }
      : null,
    staleAfterMinutes,
  };
}
