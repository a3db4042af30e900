/**
 * The teams whose daily cost jumped on a day (lib/anomalies/detect.ts over team-series.ts), each
 * with what it is made of: the manifests pushed that day into the team's repositories
 * (list-pushed-manifests.ts, owned by the rules the month is allocated with), largest first.
 * The days are the chargeback months the sync keeps (the day's month and the one before, under the
 * rules in force on the day, keepRegistryChargebackMonth), read as kept: after a sync of today
 * nothing is allocated here. A month not kept for the day (a replayed past day) is allocated for
 * this evaluation only, never kept over the figures the pages read.
 */
import type { Pool } from "pg";
import { addDays, monthOfDay, shiftMonth } from "../../calendar";
import { compareCodePoints } from "../../compare";
import { ownerResolver } from "../../chargeback/ownership";
import { readChargebackMonth } from "../../chargeback/server/read-chargeback-month";
import { resolveMonthConfig } from "../../chargeback/server/resolve-config";
import type { Micros } from "../../costs/types";
import { detectJumps, MAX_CAUSES, teamFloor, type Jump } from "../detect";
import { sinceInventoried, teamDailySeries, teamMonthForecasts } from "../team-series";
import { listPushedManifests } from "./list-pushed-manifests";

export type TeamJumpCause = { registry: string; repository: string; digest: string; tags: string[]; bytes: bigint };

/** A Jump in micros of `currency`. */
export type TeamJump = Jump & {
  team: string;
  currency: string;
  /** The team's month as forecast the day before (team-series.ts): the floor is 1 % of it. */
  monthForecast: Micros;
  causes: TeamJumpCause[];
};

export async function findTeamJumps(pool: Pool, day: string): Promise<TeamJump[]> {
  const month = monthOfDay(day);
  const { config } = await resolveMonthConfig(undefined, { month, today: day });
  const [previous, current] = await Promise.all(
    [shiftMonth(month, -1), month].map((m) => readChargebackMonth({ month: m, today: day }, config, { keep: false })),
  );
  const series = teamDailySeries(
    [...previous.registries, ...current.registries].map((r) =>
      sinceInventoried(r.allocation.daily, r.allocation.dailyByKind),
    ),
    day,
  );
  const before = addDays(day, -1);
  const forecasts = teamMonthForecasts(
    monthOfDay(before),
    before,
    (monthOfDay(before) === month ? current : previous).registries.map((r) => r.allocation.dailyByKind),
  );
  const found = [...series]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .flatMap(([team, days]) => {
      const monthForecast = forecasts.get(team) ?? 0n;
      const jump = detectJumps(days, teamFloor(monthForecast)).find((j) => j.day === day);
      return jump ? [{ ...jump, team, currency: current.pricing.currency, monthForecast }] : [];
    });
  if (found.length === 0) return [];

  const owner = ownerResolver(config);
  const pushed = await listPushedManifests(pool, day);
  return found.map((jump) => ({
    ...jump,
    causes: pushed
      .filter((p) => owner(p.registry, p.repository).team === jump.team)
      .slice(0, MAX_CAUSES)
      .map((p) => ({
        registry: p.registry.name,
        repository: p.repository,
        digest: p.digest,
        tags: p.tags,
        bytes: p.bytes,
      })),
  }));
}
