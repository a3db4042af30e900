/**
 * One team's page (`/teams/[team]`). Contract:
 *   getTeamDetail(team, month, options: { access, config?, today?, asOf? }) → TeamDetail | null
 * null when the team is neither declared nor "unallocated", or is not one of the access's teams
 * (the page answers notFound()). A team member may not allocate with a config of its own.
 * - repositories: the team's repositories in the CURRENT inventory (registries still in Azure),
 *   with their attributed bytes and their storage cost share this month (estimate, the same
 *   allocation as the monthly review; 0 for a repository without snapshots in the month).
 * - totalMicros / byKind / byRegistry: the team's allocated cost this month (estimate, unscaled),
 *   equal to its line on the monthly review.
 * - daily: this month's cost per day (all registries), summing exactly to totalMicros.
 * - trend: the last 6 months ending with this one, oldest first (team-trend.ts), each allocated
 *   with the same config; with the stored rules, the sync keeps today's six (keep-chargeback-month.ts).
 * - cleanup: the stale-tag plan in effect restricted to the team's repositories (team-cleanup.ts,
 *   from each registry's plan digest); getTeamCleanup gives that part alone.
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import { teamInAccess } from "@/lib/auth/server/team-scope";
import { LedgerError } from "@/lib/errors";
import { costCenterOf, listNamedTeams, UNALLOCATED, type ChargebackConfig } from "@/lib/chargeback/config";
import { ownerResolver } from "@/lib/chargeback/ownership";
import { teamTrendMonths } from "@/lib/chargeback/team-trend";
import { compareCodePoints } from "@/lib/compare";
import { COST_KINDS, type CostKind, type Micros } from "@/lib/costs/types";
import { z } from "zod";
import { costMonthFields, resolveMonth } from "../../costs/cost-params";
import type { MicrosString } from "../../costs/cost-views";
import { bytesToNumber } from "../../views";
import { parseInput } from "../../validation";
import { readChargebackMonth } from "./read-chargeback-month";
import { listCurrentRepositories } from "./list-current-repositories";
import { resolveChargebackConfig } from "./resolve-config";
import { readTeamCleanup, type TeamCleanup } from "./team-cleanup";

const paramsSchema = z.object({ ...costMonthFields, team: z.string().trim().min(1).max(200) }).transform(resolveMonth);

export type TeamRepository = {
  registry: string;
  repository: string;
  attributedBytes: number;
  storageMicros: MicrosString;
};
export type TeamDetail = {
  team: string;
  costCenter: string;
  contacts: string[];
  month: string;
  currency: string;
  totalMicros: MicrosString;
  attributedBytes: number;
  byKind: { kind: CostKind; micros: MicrosString }[];
  byRegistry: { registry: string; micros: MicrosString }[];
  repositories: TeamRepository[];
  daily: { day: string; micros: MicrosString }[];
  trend: { month: string; micros: MicrosString }[];
  cleanup: TeamCleanup;
};

type TeamOptions = { access: Access; config?: ChargebackConfig; today?: string; asOf?: string };

export async function getTeamDetail(
  team: string,
  month: string | undefined,
  options: TeamOptions,
): Promise<TeamDetail | null> {
  const params = parseInput(paramsSchema, { team, month, today: options.today });
  if (!teamInAccess(options.access, params.team)) return null;
  const { config, source } = await resolveTeamConfig(options);
  const declared = config.teams.find((t) => t.name === params.team);
  const repositories = await listTeamRepositories(config, params.team);
  if (!isKnownTeam(config, params.team, repositories.length)) return null;

  const months = teamTrendMonths(params.month);
  const keep = source !== "given";
  const allocations = await Promise.all(
    months.map((m) => readChargebackMonth({ month: m, today: params.today }, config, { keep })),
  );
  const current = allocations.at(-1)!;
  const teamLines = current.registries.flatMap((r) =>
    r.lines.filter((l) => l.team === params.team).map((line) => ({ registry: r.record.name, line })),
  );
  const byKind = new Map<CostKind, Micros>();
  const byRegistry = new Map<string, Micros>();
  for (const { registry, line } of teamLines) {
    byKind.set(line.kind, (byKind.get(line.kind) ?? 0n) + line.micros);
    byRegistry.set(registry, (byRegistry.get(registry) ?? 0n) + line.micros);
  }
  const daily = new Map<string, Micros>();
  for (const r of current.registries)
    for (const d of r.allocation.daily.get(params.team) ?? []) daily.set(d.day, (daily.get(d.day) ?? 0n) + d.micros);
  const storageShare = new Map<string, Micros>();
  for (const r of current.registries) {
    for (const p of r.allocation.repositories)
      if (p.team === params.team && p.repository !== null)
        storageShare.set(`${r.record.name}/${p.repository}`, p.storageMicros);
  }

  const total = teamLines.reduce((s, { line }) => s + line.micros, 0n);
  return {
    team: params.team,
    costCenter: costCenterOf(config, params.team),
    contacts: declared?.contacts ?? [],
    month: params.month,
    currency: current.pricing.currency,
    totalMicros: total.toString(),
    attributedBytes: repositories.reduce((s, r) => s + r.attributedBytes, 0),
    byKind: COST_KINDS.filter((k) => byKind.has(k)).map((kind) => ({ kind, micros: byKind.get(kind)!.toString() })),
    byRegistry: [...byRegistry]
      .sort(([a], [b]) => compareCodePoints(a, b))
      .map(([registry, micros]) => ({ registry, micros: micros.toString() })),
    repositories: repositories.map((r) => ({
      ...r,
      storageMicros: (storageShare.get(`${r.registry}/${r.repository}`) ?? 0n).toString(),
    })),
    daily: [...daily]
      .sort(([a], [b]) => compareCodePoints(a, b))
      .map(([day, micros]) => ({ day, micros: micros.toString() })),
    trend: allocations.map((data, i) => ({
      month: months[i],
      micros: data.registries
        .reduce((s, r) => s + r.lines.filter((l) => l.team === params.team).reduce((t, l) => t + l.micros, 0n), 0n)
        .toString(),
    })),
    cleanup: await readTeamCleanup(
      new Set(repositories.map((r) => `${r.registry}/${r.repository}`)),
      options.asOf,
      options.access,
    ),
  };
}

/** The `cleanup` part of getTeamDetail alone, for a page that streams it behind its own Suspense boundary. null for an unknown team. */
export async function getTeamCleanup(team: string, options: Omit<TeamOptions, "today">): Promise<TeamCleanup | null> {
  if (!teamInAccess(options.access, team)) return null;
  const { config } = await resolveTeamConfig(options);
  const repositories = await listTeamRepositories(config, team);
  if (!isKnownTeam(config, team, repositories.length)) return null;
  return readTeamCleanup(
    new Set(repositories.map((r) => `${r.registry}/${r.repository}`)),
    options.asOf,
    options.access,
  );
}

/** A draft config could give a member any repository: members read with the stored one only. */
function resolveTeamConfig(options: { access: Access; config?: ChargebackConfig }) {
  if (options.access.kind !== "all" && options.config !== undefined)
    throw new LedgerError("forbidden", "team members read the stored teams and rules only");
  return resolveChargebackConfig(options.config);
}

/** A team exists when the document names it, it owns repositories (e.g. by a registry's team tag), or it is unallocated. */
function isKnownTeam(config: ChargebackConfig, team: string, repositoryCount: number): boolean {
  return team === UNALLOCATED || repositoryCount > 0 || listNamedTeams(config).includes(team);
}

async function listTeamRepositories(
  config: ChargebackConfig,
  team: string,
): Promise<Omit<TeamRepository, "storageMicros">[]> {
  const owner = ownerResolver(config);
  return (await listCurrentRepositories()).flatMap(({ registry, repositories }) =>
    repositories
      .filter((repository) => owner(registry, repository.name).team === team)
      .map((repository) => ({
        registry: registry.name,
        repository: repository.name,
        attributedBytes: bytesToNumber(repository.attributedBytes),
      })),
  );
}
