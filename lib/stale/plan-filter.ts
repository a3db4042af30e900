/**
 * The filters over cleanup-plan items, one definition for the /stale page (URL search params) and
 * the cleanup-plan CSV (report options of the same names), so the page's items and the CSV link's
 * rows are the same rows: registry (exact name), repository (substring, any case), action and
 * reason (its code).
 */
import { z } from "zod";
import type { PlanAction, PlanItem } from "@/lib/stale/decide";
import { PROTECTION_CODES, RULE_CODES, type ReasonCode } from "@/lib/stale/reasons";
import { optionalFilterText } from "../validation";

export const PLAN_ACTIONS = ["delete", "untag", "keep"] as const satisfies readonly PlanAction[];
/** Every reason code an item can carry: the rules, the untag, then the protections. */
export const PLAN_REASON_CODES = [
  ...RULE_CODES,
  "other-tags-kept",
  ...PROTECTION_CODES,
] as const satisfies readonly ReasonCode[];

/** Strict: a report rejects an unknown action or reason (422 / exit 2); the page relaxes these. */
export const planItemFilterShape = {
  registry: optionalFilterText,
  repository: optionalFilterText,
  action: z.enum(PLAN_ACTIONS).optional(),
  reason: z.enum(PLAN_REASON_CODES).optional(),
};

export type PlanItemFilter = { registry?: string; repository?: string; action?: PlanAction; reason?: ReasonCode };

export const PLAN_FILTER_NAMES = [
  "registry",
  "repository",
  "action",
  "reason",
] as const satisfies readonly (keyof PlanItemFilter)[];

export const hasPlanItemFilter = (filter: PlanItemFilter) =>
  PLAN_FILTER_NAMES.some((name) => filter[name] !== undefined);

/** Registry and repository only: what the page's by-repository table follows. */
export function matchesPlanRepository(
  item: Pick<PlanItem, "registry" | "repository">,
  filter: PlanItemFilter,
): boolean {
  return (
    (!filter.registry || item.registry === filter.registry) &&
    (!filter.repository || item.repository.toLowerCase().includes(filter.repository.toLowerCase()))
  );
}

/** All four filters: what the page's items table and the CSV follow. */
export function matchesPlanItem(item: PlanItem, filter: PlanItemFilter): boolean {
  return (
    matchesPlanRepository(item, filter) &&
    (!filter.action || item.action === filter.action) &&
    (!filter.reason || item.reasonCode === filter.reason)
  );
}
