/**
 * A registry's month split across teams, from the cost model's DAILY figures (the
 * registry's `daily` of computeRegistryMonthCost, whose days sum exactly to each cost line).
 * Contract: allocateRegistryMonth(input) → { lines, repositories, daily, teamBytes }.
 *
 * Day by day, each cost kind's micros are split into exact rational shares:
 * - storage, replication_storage ("attributed-bytes"): by the teams' attributed bytes that day
 *   (each repository mapped through the ownership rules). A day with cost but no repository bytes
 *   goes to unallocated.
 * - unit, replication_unit (fixed fees), by the registry's method (feeMethodFor):
 *   "proportional": by attributed bytes (no bytes that day: unallocated);
 *   "even": equally among the teams other than unallocated owning at least one repository in the
 *   registry that day (none: unallocated); "owner": all to that team.
 * - tasks ("task-output"): each run's billable usage that day goes to the team owning the
 *   repository of its output image (a repository no rule owns: unallocated); runs without an
 *   output image, or a day with task cost but no usage known, are split like the fixed fees.
 * The day's shares are summed over the month per team and kind, then rounded ONCE with the
 * largest remainder rule (remainder.ts; ties by team name): for every kind the teams' micros sum
 * EXACTLY to the registry's line, so the teams sum exactly to the registry's month cost.
 *
 * `repositories`: each team's storage + replication_storage micros split among its repositories
 * in proportion to their exact shares, by the same rule (ties by repository name), summing exactly
 * to the team's two storage lines;
 * `repository: null` holds days with cost but no repository bytes. Repositories without a snapshot
 * carry forward exactly as lib/costs/repository-cost.ts does.
 * `daily`: each team's total per day, rounded cumulatively, the last day absorbing the rounding so
 * the days sum exactly to the team's month. `teamBytes`: attributed bytes on the last covered day.
 * `method` of a line: "attributed-bytes" | "proportional" | "even" | "owner" | "task-output", or
 * several joined with "+" when one line mixes them (tasks with and without output images).
 */
import { ZERO, add, fraction, type Fraction } from "../costs/rational";
import { roundDiv } from "../costs/money";
import { COST_KINDS, type CostKind, type DayCost, type Micros } from "../costs/types";
import type { RepositoryDay } from "../costs/repository-cost";
import { feeMethodFor, UNALLOCATED, type ChargebackConfig, type FeeMethod } from "./config";
import { ownerResolver, type OwnerRegistry } from "./ownership";
import { compareCodePoints } from "@/lib/compare";
import { largestRemainder } from "./remainder";
import { repositorySharesSum, type RepositoryShares } from "./repository-shares";
import type { RunUsage } from "./task-usage-by-run";

export type AllocatedLine = { team: string; kind: CostKind; method: string; micros: Micros };
export type AllocatedRepository = {
  team: string;
  repository: string | null;
  storageMicros: Micros;
  attributedBytes: bigint;
};
export type RegistryAllocation = {
  lines: AllocatedLine[];
  repositories: AllocatedRepository[];
  daily: Map<string, { day: string; micros: Micros }[]>;
  /** Each team's days per cost kind (the forecast extrapolates each kind its own way); sums to its line. */
  dailyByKind: Map<string, Map<CostKind, { day: string; micros: Micros }[]>>;
  teamBytes: Map<string, bigint>;
};

export type AllocationInput = {
  registry: OwnerRegistry;
  config: ChargebackConfig;
  /** The registry's month from computeRegistryMonthCost (`daily`), any order. */
  daily: readonly DayCost[];
  /** Attributed bytes per repository and day over the month, plus the days before it to carry forward. */
  repositoryDaily: readonly RepositoryDay[];
  /** Billable usage per run (billableUsageByRun). */
  runs: readonly RunUsage[];
};

const STORAGE_KINDS = new Set<CostKind>(["storage", "replication_storage"]);
const FEE_KINDS = new Set<CostKind>(["unit", "replication_unit"]);

type Accumulator = { shares: Map<string, Fraction>; methods: Map<string, Set<string>> };

function credit(acc: Accumulator, team: string, share: Fraction, method: string) {
  if (share.numerator === 0n) return;
  acc.shares.set(team, add(acc.shares.get(team) ?? ZERO, share));
  let methods = acc.methods.get(team);
  if (!methods) acc.methods.set(team, (methods = new Set()));
  methods.add(method);
}

/** Repository → attributed bytes on each day of `daily`, carried forward as repository-cost.ts does. */
function repositoriesByDay(
  daily: readonly DayCost[],
  repositoryDaily: readonly RepositoryDay[],
): Map<string, Map<string, bigint>> {
  const byDay = new Map<string, Map<string, bigint>>();
  for (const row of repositoryDaily) {
    let day = byDay.get(row.day);
    if (!day) byDay.set(row.day, (day = new Map()));
    day.set(row.repository, row.attributedBytes);
  }
  const days = [...daily].sort((a, b) => compareCodePoints(a.day, b.day));
  const firstDay = days[0]?.day;
  const earlier = [...byDay.keys()].filter((day) => firstDay !== undefined && day < firstDay).sort();
  let current = byDay.get(earlier.at(-1) ?? "") ?? new Map<string, bigint>();
  const result = new Map<string, Map<string, bigint>>();
  for (const day of days) {
    if (!day.carriedForward) current = byDay.get(day.day) ?? new Map();
    else if (byDay.has(day.day)) current = byDay.get(day.day)!;
    result.set(day.day, current);
  }
  return result;
}

export function allocateRegistryMonth(input: AllocationInput): RegistryAllocation {
  const owner = ownerResolver(input.config);
  const teamOf = new Map<string, string>();
  const ownerOf = (repository: string) => {
    let team = teamOf.get(repository);
    if (team === undefined) teamOf.set(repository, (team = owner(input.registry, repository).team));
    return team;
  };
  const feeMethod = feeMethodFor(input.config, input.registry.name);
  const days = [...input.daily].sort((a, b) => compareCodePoints(a.day, b.day));
  const reposByDay = repositoriesByDay(days, input.repositoryDaily);
  const runsByDay = new Map<string, RunUsage[]>();
  for (const run of input.runs) {
    const runs = runsByDay.get(run.day);
    if (runs) runs.push(run);
    else runsByDay.set(run.day, [run]);
  }

  const acc = Object.fromEntries(COST_KINDS.map((k) => [k, { shares: new Map(), methods: new Map() }])) as Record<
    CostKind,
    Accumulator
  >;
  const repoShares = repositorySharesSum(); // storage + replication_storage per repository ("" = none)
  const dayShares = new Map<string, Map<string, Fraction>>(); // team → day → exact share
  const kindDayShares = new Map<string, Map<string, Fraction>>(); // team + kind → day → exact share
  const addShare = (shares: Map<string, Map<string, Fraction>>, key: string, day: string, share: Fraction) => {
    let days = shares.get(key);
    if (!days) shares.set(key, (days = new Map()));
    days.set(day, add(days.get(day) ?? ZERO, share));
  };
  const creditDay = (team: string, kind: CostKind, day: string, share: Fraction) => {
    addShare(dayShares, team, day, share);
    addShare(kindDayShares, kindKey(team, kind), day, share);
  };
  let lastRepos = new Map<string, bigint>();

  for (const day of days) {
    const repos = reposByDay.get(day.day) ?? new Map<string, bigint>();
    lastRepos = repos;
    const teamBytes = new Map<string, bigint>();
    const owning = new Set<string>();
    let totalBytes = 0n;
    for (const [repository, bytes] of repos) {
      const team = ownerOf(repository);
      if (team !== UNALLOCATED) owning.add(team);
      if (bytes <= 0n) continue;
      teamBytes.set(team, (teamBytes.get(team) ?? 0n) + bytes);
      totalBytes += bytes;
    }
    /** `amount` of the day's `kind` split like the fixed fees. */
    const byFeeMethod = (amount: Fraction, kind: CostKind) =>
      splitFee(feeMethod, owning, teamBytes, totalBytes, (team, share) => {
        const part = fraction(amount.numerator * share.numerator, amount.denominator * share.denominator);
        credit(acc[kind], team, part, feeMethod.kind);
        creditDay(team, kind, day.day, part);
      });

    for (const kind of COST_KINDS) {
      const micros = day.costs[kind];
      if (micros === 0n) continue;
      if (STORAGE_KINDS.has(kind)) {
        if (totalBytes === 0n) {
          credit(acc[kind], UNALLOCATED, fraction(micros, 1n), "attributed-bytes");
          creditDay(UNALLOCATED, kind, day.day, fraction(micros, 1n));
          repoShares.addUnowned(micros);
          continue;
        }
        for (const [team, bytes] of teamBytes) {
          credit(acc[kind], team, fraction(micros * bytes, totalBytes), "attributed-bytes");
          creditDay(team, kind, day.day, fraction(micros * bytes, totalBytes));
        }
        repoShares.addDay(micros, totalBytes, repos);
      } else if (FEE_KINDS.has(kind)) {
        byFeeMethod(fraction(micros, 1n), kind);
      } else {
        const runs = runsByDay.get(day.day) ?? [];
        const usage = runs.reduce((sum, r) => sum + r.usage, 0n);
        if (usage === 0n) {
          byFeeMethod(fraction(micros, 1n), kind);
          continue;
        }
        let withoutOutput = 0n;
        for (const run of runs) {
          if (run.usage === 0n) continue;
          if (run.outputRepository === null) {
            withoutOutput += run.usage;
            continue;
          }
          const team = ownerOf(run.outputRepository);
          credit(acc[kind], team, fraction(micros * run.usage, usage), "task-output");
          creditDay(team, kind, day.day, fraction(micros * run.usage, usage));
        }
        // The part of the day's cost from runs without an output image is split like the fixed fees.
        if (withoutOutput > 0n) byFeeMethod(fraction(micros * withoutOutput, usage), kind);
      }
    }
  }

  const lines: AllocatedLine[] = [];
  for (const kind of COST_KINDS) {
    const total = days.reduce((sum, d) => sum + d.costs[kind], 0n);
    const teams = [...acc[kind].shares.keys()].sort(compareCodePoints);
    for (const { key, micros } of largestRemainder(
      total,
      teams.map((team) => ({ key: team, share: acc[kind].shares.get(team)! })),
    )) {
      if (micros !== 0n)
        lines.push({
          team: key,
          kind,
          method: [...acc[kind].methods.get(key)!].sort(compareCodePoints).join("+"),
          micros,
        });
    }
  }
  lines.sort((a, b) => compareCodePoints(a.team, b.team) || COST_KINDS.indexOf(a.kind) - COST_KINDS.indexOf(b.kind));

  return {
    lines,
    repositories: splitRepositories(lines, repoShares.shares(), ownerOf, lastRepos),
    daily: dailyTotals(teamTotals(lines), dayShares),
    dailyByKind: dailyByKind(lines, kindDayShares),
    teamBytes: bytesByTeam(lastRepos, ownerOf),
  };
}

/** One whole (1/1) split by the fee method; `give` gets each team's fraction of it. */
function splitFee(
  method: FeeMethod,
  owning: Set<string>,
  teamBytes: Map<string, bigint>,
  totalBytes: bigint,
  give: (team: string, share: Fraction) => void,
) {
  if (method.kind === "owner") give(method.team, fraction(1n, 1n));
  else if (method.kind === "even" && owning.size > 0)
    for (const team of owning) give(team, fraction(1n, BigInt(owning.size)));
  else if (method.kind === "proportional" && totalBytes > 0n)
    for (const [team, bytes] of teamBytes) give(team, fraction(bytes, totalBytes));
  else give(UNALLOCATED, fraction(1n, 1n));
}

function splitRepositories(
  lines: AllocatedLine[],
  repoShares: RepositoryShares,
  ownerOf: (repository: string) => string,
  lastRepos: Map<string, bigint>,
): AllocatedRepository[] {
  const storageByTeam = new Map<string, Micros>();
  for (const line of lines)
    if (STORAGE_KINDS.has(line.kind)) storageByTeam.set(line.team, (storageByTeam.get(line.team) ?? 0n) + line.micros);
  const byTeam = new Map<string, string[]>();
  for (const repository of new Set([...repoShares.numerators.keys(), ...lastRepos.keys()])) {
    const team = repository === "" ? UNALLOCATED : ownerOf(repository);
    const list = byTeam.get(team);
    if (list) list.push(repository);
    else byTeam.set(team, [repository]);
  }
  const result: AllocatedRepository[] = [];
  for (const team of [...byTeam.keys()].sort(compareCodePoints)) {
    const repositories = byTeam.get(team)!.sort(compareCodePoints);
    // The team's two storage lines were rounded on their own, so its repositories' exact shares are
    // scaled to the rounded total first: then they sum to it exactly and the split is exact. The
    // shares share one denominator, so a share scaled is its numerator × total ÷ the team's Σ
    // numerators (left unreduced: largestRemainder only compares them).
    const total = storageByTeam.get(team) ?? 0n;
    const exact = repositories.reduce((sum, r) => sum + (repoShares.numerators.get(r) ?? 0n), 0n);
    const scale = (numerator: bigint): Fraction =>
      exact === 0n ? ZERO : { numerator: numerator * total, denominator: exact };
    const split = largestRemainder(
      total,
      repositories.map((r) => ({ key: r, share: scale(repoShares.numerators.get(r) ?? 0n) })),
    );
    for (const { key, micros } of split) {
      result.push({
        team,
        repository: key === "" ? null : key,
        storageMicros: micros,
        attributedBytes: key === "" ? 0n : (lastRepos.get(key) ?? 0n),
      });
    }
  }
  return result;
}

const kindKey = (team: string, kind: CostKind) => `${kind}\u0000${team}`;

function teamTotals(lines: AllocatedLine[]): Map<string, Micros> {
  const totals = new Map<string, Micros>();
  for (const line of lines) totals.set(line.team, (totals.get(line.team) ?? 0n) + line.micros);
  return totals;
}

/** The days of each team's line of each kind, rounded as dailyTotals rounds a team's days. */
function dailyByKind(
  lines: AllocatedLine[],
  kindDayShares: Map<string, Map<string, Fraction>>,
): Map<string, Map<CostKind, { day: string; micros: Micros }[]>> {
  const totals = new Map(lines.map((line) => [kindKey(line.team, line.kind), line.micros]));
  const series = dailyTotals(totals, kindDayShares);
  const result = new Map<string, Map<CostKind, { day: string; micros: Micros }[]>>();
  for (const [key, days] of series) {
    const [kind, team] = key.split("\u0000") as [CostKind, string];
    let kinds = result.get(team);
    if (!kinds) result.set(team, (kinds = new Map()));
    kinds.set(kind, days);
  }
  return result;
}

/**
 * Each key's exact day shares as whole micros, rounded on the running sum so they add up to the
 * key's rounded total (its line, or the sum of its lines) exactly.
 */
function dailyTotals(
  totals: Map<string, Micros>,
  dayShares: Map<string, Map<string, Fraction>>,
): Map<string, { day: string; micros: Micros }[]> {
  const result = new Map<string, { day: string; micros: Micros }[]>();
  for (const [team, days] of [...dayShares].sort(([a], [b]) => compareCodePoints(a, b))) {
    let exact = ZERO;
    let rounded = 0n;
    const series = [...days]
      .sort(([a], [b]) => compareCodePoints(a, b))
      .map(([day, share]) => {
        exact = add(exact, share);
        const soFar = roundDiv(exact.numerator, exact.denominator);
        const micros = soFar - rounded;
        rounded = soFar;
        return { day, micros };
      });
    const last = series.at(-1);
    if (last) last.micros += (totals.get(team) ?? 0n) - rounded;
    result.set(team, series);
  }
  return result;
}

function bytesByTeam(repos: Map<string, bigint>, ownerOf: (repository: string) => string): Map<string, bigint> {
  const result = new Map<string, bigint>();
  for (const [repository, bytes] of repos)
    result.set(ownerOf(repository), (result.get(ownerOf(repository)) ?? 0n) + bytes);
  return result;
}
