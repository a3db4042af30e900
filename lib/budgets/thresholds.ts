/**
 * A team's monthly budget against its month: the percent spent, the status the review shows, and
 * which alert thresholds the month has crossed. A threshold is a percent of the budget reached by
 * the actual cost to date or by the month's forecast, as Azure budgets' actual and forecasted alert
 * conditions are; the defaults warn when the forecast reaches 80 % and when the actual reaches 100 %.
 */
import { roundDiv } from "../costs/money";
import type { Micros } from "../costs/types";

export type ThresholdBasis = "actual" | "forecast";
export type Threshold = { basis: ThresholdBasis; percent: number };

export const DEFAULT_THRESHOLDS: readonly Threshold[] = [
  { basis: "forecast", percent: 80 },
  { basis: "actual", percent: 100 },
];

/** How a threshold is written in the configuration and named in alerts: "forecast:80", "actual:100". */
export function thresholdKey(threshold: Threshold): string {
  return `${threshold.basis}:${threshold.percent}`;
}

const THRESHOLD = /^(actual|forecast):(\d{1,4}(?:\.\d{1,2})?)$/;

/**
 * "forecast:80,actual:100" → thresholds. Throws naming the entry that is not `actual:<percent>` or
 * `forecast:<percent>` (a percent above 0 and at most 1000, up to two decimals).
 */
export function parseThresholds(text: string): Threshold[] {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) throw new Error("no thresholds given (write e.g. forecast:80,actual:100)");
  const thresholds = entries.map((entry) => {
    const match = THRESHOLD.exec(entry);
    const percent = match ? Number(match[2]) : NaN;
    if (!match || !(percent > 0 && percent <= 1000))
      throw new Error(`"${entry}" is not actual:<percent> or forecast:<percent> (a percent above 0, at most 1000)`);
    return { basis: match[1] as ThresholdBasis, percent };
  });
  const keys = thresholds.map(thresholdKey);
  const twice = keys.find((key, i) => keys.indexOf(key) !== i);
  if (twice) throw new Error(`"${twice}" is given twice`);
  return thresholds;
}

export type BudgetMonth = { budget: Micros; actualToDate: Micros; forecast: Micros };

/** amount reaches percent % of budget, compared exactly (percent has at most two decimals). */
function reaches(amount: Micros, budget: Micros, percent: number): boolean {
  return amount * 10_000n >= budget * BigInt(Math.round(percent * 100));
}

/** The thresholds this month has reached, in the order given. A zero budget is reached by any cost. */
export function crossedThresholds(month: BudgetMonth, thresholds: readonly Threshold[]): Threshold[] {
  return thresholds.filter((t) =>
    reaches(t.basis === "actual" ? month.actualToDate : month.forecast, month.budget, t.percent),
  );
}

/** The actual cost to date as a percent of the budget, one decimal ("83.4"); null for a zero budget. */
export function percentOfBudget(actualToDate: Micros, budget: Micros): string | null {
  if (budget <= 0n) return null;
  const tenths = roundDiv(actualToDate * 1000n, budget);
  const sign = tenths < 0n ? "-" : "";
  const magnitude = tenths < 0n ? -tenths : tenths;
  return `${sign}${magnitude / 10n}.${magnitude % 10n}`;
}

/**
 * over: the actual has reached the budget; at_risk: the forecast has reached it; on_track:
 * neither. The budgets CSV's `status` column and the review's badge.
 */
export type BudgetStatus = "over" | "at_risk" | "on_track";

export function budgetStatus(month: BudgetMonth): BudgetStatus {
  if (reaches(month.actualToDate, month.budget, 100)) return "over";
  if (reaches(month.forecast, month.budget, 100)) return "at_risk";
  return "on_track";
}
