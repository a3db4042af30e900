/**
 * Day-over-day jumps that stand out from a series' own history: a repository's attributed bytes or
 * a team's daily cost. A day is a jump when its rise over the day before exceeds the median rise of
 * the previous 30 days by more than 3 median absolute deviations of those rises, and by more than a
 * floor that keeps noise out (1 GiB of bytes, 1 % of the team's month). The median and its absolute
 * deviation are robust: a single earlier jump moves neither, so it cannot hide the next one. Only
 * rises are flagged: a drop is a cleanup, not a surprise on the bill.
 */

export const ANOMALY_WINDOW_DAYS = 30;
export const ANOMALY_DEVIATIONS = 3;
/** Fewer earlier rises than this say nothing about what is usual: no day is flagged before. */
export const ANOMALY_MIN_HISTORY = 7;
/** At most this many manifests named as a jump's causes (the largest pushed that day). */
export const MAX_CAUSES = 10;

export type SeriesDay = { day: string; value: bigint };

export type Jump = {
  day: string;
  previous: bigint;
  value: bigint;
  /** value − previous. */
  rise: bigint;
  /** Median rise of the window before the day, and its median absolute deviation. */
  median: number;
  deviation: number;
  /** The rise had to exceed this to count: max(median + 3 deviations, the floor). */
  threshold: number;
};

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ascending = (a: number, b: number) => a - b;

/**
 * The jumps of a series of consecutive days (a missing day breaks nothing: the rise is taken from
 * the previous entry). `floor` is the smallest rise worth telling anyone about, in the series' unit.
 * Numbers stay exact as doubles up to 2^53 (8 PiB, or 9 billion currency units in micros).
 */
export function detectJumps(series: readonly SeriesDay[], floor: bigint): Jump[] {
  const rises: number[] = [];
  const jumps: Jump[] = [];
  for (let i = 1; i < series.length; i++) {
    const rise = series[i].value - series[i - 1].value;
    const history = rises.slice(-ANOMALY_WINDOW_DAYS);
    if (history.length >= ANOMALY_MIN_HISTORY && rise > floor) {
      const sorted = [...history].sort(ascending);
      const m = median(sorted);
      const deviation = median(sorted.map((r) => Math.abs(r - m)).sort(ascending));
      const threshold = Math.max(m + ANOMALY_DEVIATIONS * deviation, Number(floor));
      if (Number(rise) > threshold)
        jumps.push({
          day: series[i].day,
          previous: series[i - 1].value,
          value: series[i].value,
          rise,
          median: m,
          deviation,
          threshold,
        });
    }
    rises.push(Number(rise));
  }
  return jumps;
}

export const GIB = 1n << 30n;

/** A repository's floor: a rise under 1 GiB is never worth a finding. */
export const REPOSITORY_FLOOR_BYTES = GIB;

/** A team's floor: 1 % of its month (rounded up), so a small team's cents do not alert. */
export function teamFloor(monthMicros: bigint): bigint {
  return monthMicros <= 0n ? 0n : (monthMicros + 99n) / 100n;
}
