import type { PlanAction } from "@/lib/stale/decide";
import { serializePolicy, type Policy } from "@/lib/stale/policy";
import type { ReasonCode } from "@/lib/stale/reasons";

/** The items filters, named alike in the page's URL and the CSV's query (lib/stale/plan-filter). */
export type StaleItemFilter = {
  registry?: string;
  repository?: string;
  action?: PlanAction;
  reason?: ReasonCode;
};

export type StaleUrlState = StaleItemFilter & {
  asOf: string;
  page: number;
  repositoryPage: number;
};

function setFilters(query: URLSearchParams, filter: StaleItemFilter): void {
  if (filter.registry) query.set("registry", filter.registry);
  if (filter.repository) query.set("repository", filter.repository);
  if (filter.action) query.set("action", filter.action);
  if (filter.reason) query.set("reason", filter.reason);
}

export function staleHref(state: StaleUrlState): string {
  const query = new URLSearchParams({ "as-of": state.asOf });
  setFilters(query, state);
  if (state.page > 1) query.set("page", String(state.page));
  if (state.repositoryPage > 1) query.set("repo-page", String(state.repositoryPage));
  return `/stale?${query.toString()}`;
}

/**
 * The cleanup-plan report for the page's as-of day and the policy the page was computed with,
 * spelt out (compact canonical JSON), so the file holds exactly the plan on screen; the CSV also
 * carries the items filters (its rows are then the page's items). The script is always the whole plan.
 */
export function cleanupPlanHref(input: {
  asOf: string;
  policy: Policy;
  format?: "script";
  filter?: StaleItemFilter;
}): string {
  const query = new URLSearchParams({
    "as-of": input.asOf,
    policy: JSON.stringify(JSON.parse(serializePolicy(input.policy))),
  });
  if (input.format) query.set("format", input.format);
  else if (input.filter) setFilters(query, input.filter);
  return `/api/reports/cleanup-plan.csv?${query.toString()}`;
}

export const STALE_POLICY_HREF = "/stale/policy";
