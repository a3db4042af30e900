/**
 * The monthly chargeback review (page and CSV read the same `lines`). Contract:
 *   getChargebackMonth(month?: "YYYY-MM", options: { access, config?, scaleToBilled?, today?, movers? })
 *     → ChargebackMonth
 * - month defaults to the last complete one (UTC, resolveReviewMonth); today pins the clock for
 *   tests and `--as-of`.
 * - config: the ChargebackConfig to allocate with (a draft or `--rules FILE`), else the version of
 *   the stored rules in force at the month's end, or today's with `rules: "current"`
 *   (resolve-config.ts); `rules` in the answer names the version. The previous month is allocated
 *   with the same config, so the movers show cost changes, not rule changes.
 * - scaleToBilled: each registry with an imported bill (in the pricing's currency) has its team
 *   lines scaled to the billed amount (summing exactly to it); `estimatedMicros` keeps the cost
 *   model's figure. Registries without a bill keep their estimate (`scaled` false).
 * Money is MicrosString (integer micro-units as a string, lib/format turns it into decimals),
 * bytes are numbers. `lines` are one per team × registry × cost kind with a non-zero amount,
 * sorted by team, registry, kind; for every registry they sum EXACTLY to its cost-model total (or
 * its bill when scaled). Totals: totalMicros = Σ lines = Σ byTeam = Σ byRegistry = Σ byKind.
 * previous*: the previous month allocated with the same config and scaling, on the days
 * `compared` names (lib/costs/compared-days.ts): whole for a complete month; for a running month
 * its same days, read from its kept days (lib/chargeback/same-days.ts); movers: the teams whose
 * charge moved most, either way. teams[].registries[].repositories: the drill-down
 * team → registries → repositories, each repository's share of the team's storage +
 * replication_storage in that registry (estimate, never scaled), summing exactly to it.
 * - access: a team member's review holds its teams' lines only (every total is Σ of those; each
 *   registry's estimate and bill are its lines' share, the bill itself is not shown); it may not
 *   allocate with a config of its own (LedgerError "forbidden"), which could claim any repository.
 * Invalid month: LedgerError "validation" (422).
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import { teamInAccess } from "@/lib/auth/server/team-scope";
import { LedgerError } from "@/lib/errors";
import { costCenterOf, UNALLOCATED, type ChargebackConfig } from "@/lib/chargeback/config";
import { compareCodePoints } from "@/lib/compare";
import { COST_KINDS, type CostKind, type Micros } from "@/lib/costs/types";
import { z } from "zod";
import { coveredUntil, lastDayOf } from "@/lib/calendar";
import { linesUntil } from "@/lib/chargeback/same-days";
import { comparedDays, kindsUntil, type ComparedDays } from "../../costs/compared-days";
import { loadRegistryMonthCosts } from "../../costs/server/load-registry-month-costs";
import { costMonthFields, resolveReviewMonth } from "../../costs/cost-params";
import { toPricingView, type MicrosString, type PricingView } from "../../costs/cost-views";
import { monthDelta, rankMovers } from "../../costs/month-delta";
import { bytesToNumber } from "../../views";
import { parseInput } from "../../validation";
import type { ChargebackMonthData } from "./allocate-month";
import { readChargebackMonth } from "./read-chargeback-month";
import { resolveMonthConfig, type RulesChoice, type RulesVersionView } from "./resolve-config";

const paramsSchema = z
  .object({ ...costMonthFields, movers: z.number().int().min(1).max(100).default(5) })
  .transform(resolveReviewMonth);

export type ChargebackOptions = {
  access: Access;
  config?: ChargebackConfig;
  /** Without a config: the rules in force at the month's end (default) or today's. */
  rules?: RulesChoice;
  scaleToBilled?: boolean;
  today?: string;
  movers?: number;
};

export type ChargebackLine = {
  team: string;
  costCenter: string;
  registry: string;
  subscriptionId: string;
  resourceGroup: string;
  /** The registry's ARM id (lower-cased), the FOCUS ResourceId. */
  resourceId: string;
  location: string;
  kind: CostKind;
  /** attributed-bytes | proportional | even | owner | task-output (joined with "+" when mixed) | billed. */
  method: string;
  /** The amount charged: the allocation, or its share of the bill when scaling. */
  micros: MicrosString;
  /** The allocation of the cost-model estimate (equal to micros unless scaled to a bill). */
  estimatedMicros: MicrosString;
};

export type Delta = { micros: MicrosString; previousMicros: MicrosString; deltaMicros: MicrosString };
export type TeamTotal = Delta & { team: string; costCenter: string; attributedBytes: number };
export type RegistryTotal = Delta & {
  registry: string;
  resourceId: string;
  subscriptionId: string;
  location: string;
  estimatedMicros: MicrosString;
  billedMicros: MicrosString | null;
  /** The bill's currency: scaling needs it to be the pricing's `currency`. */
  billedCurrency: string | null;
  /** The lines of this registry are its share of the bill (scaleToBilled and a bill in the same currency). */
  scaled: boolean;
};
export type KindTotal = Delta & { kind: CostKind };
export type RepositoryShare = { repository: string | null; attributedBytes: number; storageMicros: MicrosString };
export type TeamRegistryDrill = {
  registry: string;
  micros: MicrosString;
  byKind: { kind: CostKind; micros: MicrosString }[];
  repositories: RepositoryShare[];
};
export type TeamDrill = { team: string; costCenter: string; micros: MicrosString; registries: TeamRegistryDrill[] };

export type ChargebackMonth = {
  month: string;
  previousMonth: string;
  /** The days each side counts: a running month's days to today against the same days before. */
  compared: ComparedDays;
  today: string;
  coveredUntil: string;
  currency: string;
  pricing: PricingView;
  configSource: "given" | "stored" | "default";
  /** Which version of the rules the month was allocated with. */
  rules: RulesVersionView;
  scaleToBilled: boolean;
  /** A FOCUS file was imported for the month (estimated vs billed per registry is then shown). */
  billedImported: boolean;
  totalMicros: MicrosString;
  previousTotalMicros: MicrosString;
  /** totalMicros − previousTotalMicros. */
  totalDeltaMicros: MicrosString;
  estimatedTotalMicros: MicrosString;
  lines: ChargebackLine[];
  byTeam: TeamTotal[];
  byRegistry: RegistryTotal[];
  byKind: KindTotal[];
  movers: TeamTotal[];
  teams: TeamDrill[];
};

function sumBy<K>(entries: Iterable<[K, Micros]>): Map<K, Micros> {
  const result = new Map<K, Micros>();
  for (const [key, micros] of entries) result.set(key, (result.get(key) ?? 0n) + micros);
  return result;
}

function delta(current: Micros, previous: Micros): Delta {
  const { currentMicros, ...change } = monthDelta(current, previous);
  return { micros: currentMicros, ...change };
}

const allLines = (data: ChargebackMonthData) =>
  data.registries.flatMap((r) => r.lines.map((line) => ({ registry: r, line })));

/**
 * The month's registries with their lines cut to the days up to `until` (same-days.ts), each
 * kind summing exactly to the registry's cost-model figure to that day (the whole month's daily
 * figures, as the cost comparison reads them; nothing is allocated: the allocation is the kept month's).
 */
async function untilDay(data: ChargebackMonthData, until: string): Promise<ChargebackMonthData> {
  const { registries } = await loadRegistryMonthCosts({ month: data.month, today: lastDayOf(data.month) });
  const dailyById = new Map(registries.map((r) => [r.registryId, r.cost.daily]));
  return {
    ...data,
    registries: data.registries.map((r) => {
      const daily = dailyById.get(r.record.registryId);
      return { ...r, lines: linesUntil(r.lines, r.allocation, until, daily && kindsUntil(daily, until)) };
    }),
  };
}

/** The access's teams' lines of each registry; registries without any dropped for a team member. */
function scopeToAccess(data: ChargebackMonthData, access: Access): ChargebackMonthData {
  if (access.kind === "all") return data;
  const registries = data.registries.flatMap((r) => {
    const lines = r.lines.filter((l) => teamInAccess(access, l.team));
    if (lines.length === 0) return [];
    const own = r.allocation.lines.filter((l) => teamInAccess(access, l.team));
    return [
      {
        ...r,
        lines,
        allocation: {
          lines: own,
          repositories: r.allocation.repositories.filter((p) => teamInAccess(access, p.team)),
          daily: new Map([...r.allocation.daily].filter(([team]) => teamInAccess(access, team))),
          dailyByKind: new Map([...r.allocation.dailyByKind].filter(([team]) => teamInAccess(access, team))),
          teamBytes: new Map([...r.allocation.teamBytes].filter(([team]) => teamInAccess(access, team))),
        },
        estimatedMicros: own.reduce((s, l) => s + l.micros, 0n),
        billedMicros: null,
        billedCurrency: null,
      },
    ];
  });
  return { ...data, registries };
}

export async function getChargebackMonth(
  month: string | undefined,
  options: ChargebackOptions,
): Promise<ChargebackMonth> {
  const params = parseInput(paramsSchema, { month, today: options.today, movers: options.movers });
  const { access } = options;
  if (access.kind !== "all" && options.config !== undefined)
    throw new LedgerError("forbidden", "team members read the stored teams and rules only");
  const { config, source, rules } = await resolveMonthConfig(options.config, {
    month: params.month,
    today: params.today,
    rules: options.rules,
  });
  // A draft is allocated for this view only; the stored rules' months are kept for the next.
  const scale = { scaleToBilled: options.scaleToBilled === true, keep: source !== "given" };
  const compared = comparedDays(params.month, params.today);
  const previousMonth = compared.previous.month;
  // The previous month is read whole (its kept row); a running month's comparison cuts it to the
  // same days before scoping, so a team member's lines are the whole review's.
  const [current, previous] = (
    await Promise.all([
      readChargebackMonth(params, config, scale),
      readChargebackMonth({ month: previousMonth, today: params.today }, config, scale).then((whole) =>
        compared.running ? untilDay(whole, compared.previous.until) : whole,
      ),
    ])
  ).map((data) => scopeToAccess(data, access));

  const lines: ChargebackLine[] = allLines(current)
    .map(({ registry, line }) => ({
      team: line.team,
      costCenter: costCenterOf(config, line.team),
      registry: registry.record.name,
      subscriptionId: registry.record.subscriptionId,
      resourceGroup: registry.record.resourceGroup,
      resourceId: registry.armId,
      location: registry.record.location,
      kind: line.kind,
      method: line.method,
      micros: line.micros.toString(),
      estimatedMicros: (
        registry.allocation.lines.find((l) => l.team === line.team && l.kind === line.kind)?.micros ?? 0n
      ).toString(),
    }))
    .sort(
      (a, b) =>
        compareCodePoints(a.team, b.team) ||
        compareCodePoints(a.registry, b.registry) ||
        COST_KINDS.indexOf(a.kind) - COST_KINDS.indexOf(b.kind),
    );

  const teamNow = sumBy(allLines(current).map(({ line }) => [line.team, line.micros]));
  const teamBefore = sumBy(allLines(previous).map(({ line }) => [line.team, line.micros]));
  const bytes = sumBy(current.registries.flatMap((r) => [...r.allocation.teamBytes]));
  const teamNames = [...new Set([...config.teams.map((t) => t.name), ...teamNow.keys(), ...teamBefore.keys()])]
    .filter((t) => t !== UNALLOCATED && teamInAccess(access, t))
    .sort(compareCodePoints);
  if (teamNow.has(UNALLOCATED) || teamBefore.has(UNALLOCATED)) teamNames.push(UNALLOCATED);
  const byTeam: TeamTotal[] = teamNames.map((team) => ({
    team,
    costCenter: costCenterOf(config, team),
    attributedBytes: bytesToNumber(bytes.get(team) ?? 0n),
    ...delta(teamNow.get(team) ?? 0n, teamBefore.get(team) ?? 0n),
  }));

  const previousByRegistry = sumBy(allLines(previous).map(({ registry, line }) => [registry.armId, line.micros]));
  const byRegistry: RegistryTotal[] = current.registries.map((r) => ({
    registry: r.record.name,
    resourceId: r.armId,
    subscriptionId: r.record.subscriptionId,
    location: r.record.location,
    estimatedMicros: r.estimatedMicros.toString(),
    billedMicros: r.billedMicros === null ? null : r.billedMicros.toString(),
    billedCurrency: r.billedCurrency,
    scaled: r.scaled,
    ...delta(
      r.lines.reduce((s, l) => s + l.micros, 0n),
      previousByRegistry.get(r.armId) ?? 0n,
    ),
  }));

  const kindNow = sumBy(allLines(current).map(({ line }) => [line.kind, line.micros]));
  const kindBefore = sumBy(allLines(previous).map(({ line }) => [line.kind, line.micros]));
  const total = [...teamNow.values()].reduce((s, v) => s + v, 0n);
  const previousTotal = [...teamBefore.values()].reduce((s, v) => s + v, 0n);

  return {
    month: params.month,
    previousMonth,
    compared,
    today: params.today,
    coveredUntil: coveredUntil(params.month, params.today),
    currency: current.pricing.currency,
    pricing: toPricingView(current.pricing),
    configSource: source,
    rules,
    scaleToBilled: scale.scaleToBilled,
    billedImported: current.billedImported,
    totalMicros: total.toString(),
    previousTotalMicros: previousTotal.toString(),
    totalDeltaMicros: (total - previousTotal).toString(),
    estimatedTotalMicros: current.registries.reduce((s, r) => s + r.estimatedMicros, 0n).toString(),
    lines,
    byTeam,
    byRegistry,
    byKind: COST_KINDS.map((kind) => ({ kind, ...delta(kindNow.get(kind) ?? 0n, kindBefore.get(kind) ?? 0n) })),
    movers: rankMovers(
      byTeam,
      params.movers,
      (t) => BigInt(t.deltaMicros),
      (t) => t.team,
    ),
    teams: teamNames
      .filter((team) => teamNow.has(team))
      .map((team) => drill(current, config, team, teamNow.get(team) ?? 0n)),
  };
}

function drill(data: ChargebackMonthData, config: ChargebackConfig, team: string, micros: Micros): TeamDrill {
  const registries: TeamRegistryDrill[] = [];
  for (const r of data.registries) {
    const lines = r.lines.filter((l) => l.team === team);
    if (lines.length === 0) continue;
    registries.push({
      registry: r.record.name,
      micros: lines.reduce((s, l) => s + l.micros, 0n).toString(),
      byKind: lines.map((l) => ({ kind: l.kind, micros: l.micros.toString() })),
      repositories: r.allocation.repositories
        .filter((p) => p.team === team)
        .map((p) => ({
          repository: p.repository,
          attributedBytes: bytesToNumber(p.attributedBytes),
          storageMicros: p.storageMicros.toString(),
        })),
    });
  }
  return { team, costCenter: costCenterOf(config, team), micros: micros.toString(), registries };
}
