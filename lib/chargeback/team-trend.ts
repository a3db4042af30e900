/**
 * The months a team's page charts: the six ending with the month it shows, oldest first, each
 * allocated with today's rules. The sync keeps these for today's month (keep-chargeback-month.ts),
 * so a team page's first view after a sync allocates nothing.
 */
import { shiftMonth } from "../calendar";

export const TEAM_TREND_MONTHS = 6;

export function teamTrendMonths(month: string): string[] {
  return Array.from({ length: TEAM_TREND_MONTHS }, (_, i) => shiftMonth(month, i - TEAM_TREND_MONTHS + 1));
}
