import type { PlanAction } from "@/lib/domain/stale/decide";
import { serializePolicy, type Policy } from "@/lib/domain/stale/policy";

export type StaleUrlState = {
  asOf: string;
  registry?: string;
  repository?: string;
  action?: PlanAction;
  page: number;
  repositoryPage: number;
};

export function staleHref(state: StaleUrlState): string {
  const query = new URLSearchParams({ "as-of": state.asOf });
  if (state.registry) query.set("registry", state.registry);
  if (state.repository) query.set("repository", state.repository);
  if (state.action) query.set("action", state.action);
  if (state.page > 1) query.set("page", String(state.page));
  if (state.repositoryPage > 1) query.set("repo-page", String(state.repositoryPage));
  return `/stale?${query.toString()}`;
}

/**
 * The cleanup-plan report for the page's as-of day and the policy the page was computed with,
 * spelt out (compact canonical JSON), so the file holds exactly the plan on screen.
 */
export function cleanupPlanHref(input: { asOf: string; policy: Policy; format?: "script" }): string {
  const query = new URLSearchParams({ "as-of": input.asOf, policy: JSON.stringify(JSON.parse(serializePolicy(input.policy))) });
  if (input.format) query.set("format", input.format);
  return `/api/reports/cleanup-plan.csv?${query.toString()}`;
}

export const STALE_POLICY_HREF = "/stale/policy";
