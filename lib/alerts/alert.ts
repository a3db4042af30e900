/**
 * What an alert says, as the webhook receives it: one JSON object per alert, raised once per what
 * it is about. `id` is the alert's key, the same on every attempt, so a receiver that saw a
 * delivery whose answer was lost can drop the repeat. Money is a decimal string in the currency
 * named beside it (never a float); bytes are a decimal string too.
 */
import { formatMoney } from "../costs/money";
import type { Micros } from "../costs/types";
import { thresholdKey, type Threshold } from "../budgets/thresholds";

export type BudgetAlertPayload = {
  kind: "budget";
  id: string;
  team: string;
  month: string;
  /** "forecast:80" or "actual:100" (REGISTRY_LEDGER_BUDGET_THRESHOLDS). */
  threshold: string;
  actual: string;
  forecast: string;
  budget: string;
  currency: string;
  url: string;
};

export type AnomalyCause = { registry: string; repository: string; digest: string; tags: string[]; bytes: string };

export type AnomalyAlertPayload = {
  kind: "anomaly";
  id: string;
  /** What jumped: a repository's attributed bytes, or a team's daily cost. */
  subject: "repository" | "team";
  team: string;
  month: string;
  day: string;
  registry: string | null;
  repository: string | null;
  /**
   * The day's value, the day before's and the rise, in `unit`: "bytes" (a whole number) for a
   * repository, the currency code (two decimals, as budgets) for a team's daily cost.
   */
  value: string;
  previous: string;
  rise: string;
  /** The rise had to exceed this (median rise of the last 30 days + 3 deviations, or the floor). */
  threshold: string;
  unit: string;
  /** The manifests pushed that day that the rise is made of, largest first. */
  causes: AnomalyCause[];
  url: string;
};

export type AlertPayload = BudgetAlertPayload | AnomalyAlertPayload;

export type BudgetAlertInput = {
  team: string;
  month: string;
  threshold: Threshold;
  actualToDate: Micros;
  forecast: Micros;
  budget: Micros;
  currency: string;
};

/** Two decimals, as budgets are written and bills are read. */
const money = (micros: Micros) => formatMoney(micros, 2);

export function budgetAlertKey(team: string, month: string, threshold: Threshold): string {
  return `budget:${month}:${thresholdKey(threshold)}:${team}`;
}

/** The team's page for the month, on the address people use (AUTH_URL, else this machine's). */
export function teamUrl(baseUrl: string, team: string, month: string): string {
  const url = new URL(`/teams/${encodeURIComponent(team)}`, baseUrl);
  url.searchParams.set("month", month);
  return url.toString();
}

export function budgetAlertPayload(input: BudgetAlertInput, baseUrl: string): BudgetAlertPayload {
  return {
    kind: "budget",
    id: budgetAlertKey(input.team, input.month, input.threshold),
    team: input.team,
    month: input.month,
    threshold: thresholdKey(input.threshold),
    actual: money(input.actualToDate),
    forecast: money(input.forecast),
    budget: money(input.budget),
    currency: input.currency,
    url: teamUrl(baseUrl, input.team, input.month),
  };
}

/**
 * Seconds to wait before attempt `attempts + 1` after `attempts` failed ones: 30 s doubling to at
 * most an hour, so a receiver down for a day is tried about 30 times, not thousands.
 */
export function retryDelaySeconds(attempts: number, baseSeconds = 30): number {
  return Math.min(baseSeconds * 2 ** Math.max(attempts - 1, 0), 3600);
}

export type RepositoryJumpInput = {
  day: string;
  registry: string;
  repository: string;
  team: string;
  previous: bigint;
  value: bigint;
  rise: bigint;
  threshold: number;
  causes: { digest: string; tags: string[]; bytes: bigint }[];
};

export function repositoryAnomalyKey(registry: string, repository: string, day: string): string {
  return `anomaly:repository:${day}:${registry}/${repository}`;
}

/** A repository's attributed bytes jumped: its causes are the manifests pushed into it that day. */
export function repositoryAnomalyPayload(jump: RepositoryJumpInput, baseUrl: string): AnomalyAlertPayload {
  const month = jump.day.slice(0, 7);
  return {
    kind: "anomaly",
    id: repositoryAnomalyKey(jump.registry, jump.repository, jump.day),
    subject: "repository",
    team: jump.team,
    month,
    day: jump.day,
    registry: jump.registry,
    repository: jump.repository,
    value: jump.value.toString(),
    previous: jump.previous.toString(),
    rise: jump.rise.toString(),
    threshold: Math.ceil(jump.threshold).toString(),
    unit: "bytes",
    causes: jump.causes.map((c) => ({
      registry: jump.registry,
      repository: jump.repository,
      digest: c.digest,
      tags: c.tags,
      bytes: c.bytes.toString(),
    })),
    url: teamUrl(baseUrl, jump.team, month),
  };
}

export type TeamJumpInput = {
  day: string;
  team: string;
  /** Micros of `currency`. */
  previous: bigint;
  value: bigint;
  rise: bigint;
  threshold: number;
  currency: string;
  causes: { registry: string; repository: string; digest: string; tags: string[]; bytes: bigint }[];
};

export function teamAnomalyKey(team: string, day: string): string {
  return `anomaly:team:${day}:${team}`;
}

/** A team's daily cost jumped: its causes are the manifests pushed into its repositories that day. */
export function teamAnomalyPayload(jump: TeamJumpInput, baseUrl: string): AnomalyAlertPayload {
  const month = jump.day.slice(0, 7);
  return {
    kind: "anomaly",
    id: teamAnomalyKey(jump.team, jump.day),
    subject: "team",
    team: jump.team,
    month,
    day: jump.day,
    registry: null,
    repository: null,
    value: money(jump.value),
    previous: money(jump.previous),
    rise: money(jump.rise),
    threshold: money(BigInt(Math.ceil(jump.threshold))),
    unit: jump.currency,
    causes: jump.causes.map((c) => ({ ...c, bytes: c.bytes.toString() })),
    url: teamUrl(baseUrl, jump.team, month),
  };
}
