/**
 * A repository's storage cost for a month: on each day, the registry's storage +
 * replication_storage cost × the repository's attributed bytes / S (the registry's stored bytes).
 *
 * Which bytes on which day: the sync writes a registry's snapshot and its repositories' snapshots
 * together, so a repository's figure is carried forward exactly while the registry's is. On a day
 * with a fresh registry snapshot, a repository without a snapshot that day holds nothing (it was
 * deleted); days carried from before the month use the latest repository snapshots before it.
 *
 * Two roundings. repositoryStorageCosts rounds each repository on its own (pages and CSV).
 * allocateRepositoryStorageCost uses the largest remainder, done once over the month: each repository's exact rational share
 * is summed over the days; each gets the whole micros of its share, and the micros left over
 * (round(Σ exact shares) − Σ whole parts) go one each to the largest fractional parts, ties to
 * the earlier name. When the repositories given are all of the registry's (Σ attributed = S), the
 * result sums EXACTLY to the registry's storage + replication_storage cost over the days. Each
 * repository is within one micro of its exact share; given a subset of the repositories, a
 * repository's figure may differ by that micro from the one computed with all of them.
 */
import { compareCodePoints } from "@/lib/compare";
import { ZERO, add, compare, fraction, wholeAndRest, type Fraction } from "./rational";
import type { DayCost, Micros } from "./types";

export type RepositoryDay = { repository: string; day: string; attributedBytes: bigint };

type Input = { registryDaily: DayCost[]; repositoryDaily: RepositoryDay[] };

/**
 * Walks the registry's covered days with each repository's attributed bytes that day (carried
 * forward exactly while the registry's snapshot is), calling visit for every repository share of
 * a day whose storage + replication_storage cost is not zero.
 */
function walkShares(
  input: Input,
  visit: (repository: string, cost: Micros, bytes: bigint, storedBytes: bigint) => void,
): void {
  const registryDaily = [...input.registryDaily].sort((a, b) => compareCodePoints(a.day, b.day));
  const byDay = new Map<string, Map<string, bigint>>();
  for (const row of input.repositoryDaily) {
    let day = byDay.get(row.day);
    if (!day) byDay.set(row.day, (day = new Map()));
    day.set(row.repository, row.attributedBytes);
  }
  const firstDay = registryDaily[0]?.day;
  const earlierDays = [...byDay.keys()].filter((day) => firstDay !== undefined && day < firstDay).sort();
  let current = byDay.get(earlierDays[earlierDays.length - 1] ?? "") ?? new Map<string, bigint>();
  for (const day of registryDaily) {
    if (!day.carriedForward) current = byDay.get(day.day) ?? new Map();
    else if (byDay.has(day.day)) current = byDay.get(day.day)!; // a repository snapshot is never older than the registry's
    const cost = day.costs.storage + day.costs.replication_storage;
    if (cost === 0n || day.storedBytes <= 0n) continue;
    for (const [name, bytes] of current) if (bytes > 0n) visit(name, cost, bytes, day.storedBytes);
  }
}

/** Largest remainder over the whole registry: the repositories sum exactly to its storage cost (chargeback). */
export function allocateRepositoryStorageCost(input: Input): Map<string, Micros> {
  const shares = new Map<string, Fraction>(
    [...new Set(input.repositoryDaily.map((r) => r.repository))].sort().map((name) => [name, ZERO]),
  );
  walkShares(input, (name, cost, bytes, storedBytes) =>
    shares.set(name, add(shares.get(name) ?? ZERO, fraction(cost * bytes, storedBytes))),
  );
  return largestRemainder(shares);
}

/** Daily shares are summed in units of 10^-9 micro, far below the micro every figure is rounded to. */
const SUB_MICROS = 1_000_000_000n;

/**
 * Each repository's cost on its own: Σ over days of cost × attributed / S, rounded half away
 * from zero to the micro. A repository's figure needs only its own snapshots (a page of rows
 * reads 50 repositories, not the registry's 10,000) and is the same wherever it is computed;
 * the repositories of a registry then sum to its storage cost within half a micro each.
 */
export function repositoryStorageCosts(input: Input): Map<string, Micros> {
  const scaled = new Map<string, bigint>(
    [...new Set(input.repositoryDaily.map((r) => r.repository))].sort().map((name) => [name, 0n]),
  );
  walkShares(input, (name, cost, bytes, storedBytes) => {
    scaled.set(name, (scaled.get(name) ?? 0n) + (cost * bytes * SUB_MICROS) / storedBytes);
  });
  return new Map([...scaled].map(([name, value]) => [name, (2n * value + SUB_MICROS) / (2n * SUB_MICROS)]));
}

function largestRemainder(shares: Map<string, Fraction>): Map<string, Micros> {
  let exactTotal = ZERO;
  const parts = [...shares].map(([name, share]) => {
    exactTotal = add(exactTotal, share);
    return { name, ...wholeAndRest(share) };
  });
  const total = wholeAndRest(exactTotal);
  const roundedTotal = total.whole + (total.rest.numerator * 2n >= total.rest.denominator ? 1n : 0n);
  let leftOver = roundedTotal - parts.reduce((sum, p) => sum + p.whole, 0n);
  const order = [...parts].sort((a, b) => compare(b.rest, a.rest) || compareCodePoints(a.name, b.name));
  const result = new Map<string, Micros>(parts.map((p) => [p.name, p.whole]));
  for (const part of order) {
    if (leftOver <= 0n || part.rest.numerator === 0n) break;
    result.set(part.name, part.whole + 1n);
    leftOver -= 1n;
  }
  return new Map([...result].sort(([a], [b]) => compareCodePoints(a, b)));
}
