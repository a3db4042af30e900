/**
 * After a sync: the alerts its day raises (a repository whose bytes jumped, a team whose daily
 * cost jumped, a team's budget threshold reached in the day's month), raised once each,
 * then delivered to the webhook when one is configured. Never fails the sync: an error is logged,
 * and the next sync evaluates its own day; alerts raised and not yet delivered are sent by the
 * next pass of any process (lib/alerts/server/deliver-alerts.ts).
 */
import type { Pool } from "pg";
import { isoDay, monthOfDay } from "../../calendar";
import { teamBudgets } from "../../budgets/server/team-budgets";
import { getChargebackConfig } from "../../chargeback/server/config-store";
import { findRepositoryJumps } from "../../anomalies/server/find-repository-jumps";
import { findTeamJumps } from "../../anomalies/server/find-team-jumps";
import { getEnv } from "../../env";
import { describeError } from "../../errors";
import { budgetAlertPayload, repositoryAnomalyPayload, teamAnomalyPayload, type AlertPayload } from "../alert";
import { raiseAlerts } from "./alert-store";
import { deliverAlerts } from "./deliver-alerts";

/** The address alerts link to: AUTH_URL when set, else this machine's web server. */
export function alertBaseUrl(): string {
  const env = getEnv();
  return env.auth.publicUrl ?? `http://localhost:${env.port}`;
}

/** The alerts of the sync's day, raised; returns how many were new. Never throws. */
export async function evaluateAlerts(pool: Pool, asOf: Date): Promise<number> {
  try {
    const day = isoDay(asOf);
    const { config } = await getChargebackConfig();
    const baseUrl = alertBaseUrl();
    const payloads: AlertPayload[] = (await findRepositoryJumps(pool, day, config)).map((jump) =>
      repositoryAnomalyPayload(jump, baseUrl),
    );
    for (const jump of await findTeamJumps(pool, day)) payloads.push(teamAnomalyPayload(jump, baseUrl));
    if (config.teams.some((team) => team.budget)) payloads.push(...(await budgetAlerts(day, baseUrl)));
    return (await raiseAlerts(pool, payloads)).length;
  } catch (error) {
    console.error(`alerts: the sync's day was not evaluated (${describeError(error).split("\n")[0]})`);
    return 0;
  }
}

/** A payload per threshold each budgeted team has reached in the day's month. */
async function budgetAlerts(day: string, baseUrl: string): Promise<AlertPayload[]> {
  const budgets = await teamBudgets(monthOfDay(day), day, getEnv().alerts.budgetThresholds);
  return budgets.teams.flatMap((team) =>
    team.crossed.map((threshold) =>
      budgetAlertPayload(
        {
          team: team.team,
          month: budgets.month,
          threshold,
          actualToDate: team.actualToDate,
          forecast: team.forecast,
          budget: team.budget,
          currency: budgets.currency,
        },
        baseUrl,
      ),
    ),
  );
}

/** One delivery pass when a webhook is configured. Never throws. */
export async function deliverPendingAlerts(pool: Pool): Promise<void> {
  const url = getEnv().alerts.webhookUrl;
  if (!url) return;
  try {
    await deliverAlerts(pool, { url });
  } catch (error) {
    console.error(`alerts: delivery stopped (${describeError(error).split("\n")[0]}); the next pass resumes it`);
  }
}
