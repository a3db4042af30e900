import { z } from "zod";
import type { Access } from "@/lib/auth/access";
import type { PlanItem } from "@/lib/stale/decide";
import type { Policy } from "@/lib/stale/policy";
import { countPlan, renderCleanupScript } from "@/lib/stale/script";
import { describeError, LedgerError } from "@/lib/errors";
import { daySchema } from "@/lib/validation";
import { getCleanupPlan } from "@/lib/stale/server/get-cleanup-plan";
import {
  hasPlanItemFilter,
  matchesPlanItem,
  PLAN_FILTER_NAMES,
  planItemFilterShape,
  type PlanItemFilter,
} from "@/lib/stale/plan-filter";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { parsePolicyText } from "@/lib/stale/parse-policy-text";
import { resolvePolicy } from "@/lib/stale/server/resolve-policy";
import { scopeCleanupPlan } from "@/lib/stale/server/scope-cleanup-plan";
import { computePlanEntry, listPlanEntries, type PlanEntry } from "@/lib/stale/server/derived-cleanup-plan";
import { streamKeptItems } from "@/lib/stale/server/kept-plan-items";
import { planBudget } from "@/lib/stale/plan-budget";
import { repositoryInScope, repositoryScope } from "@/lib/auth/server/team-scope";
import { getEnv } from "@/lib/env";
import { defineReport } from "../reports/define-report";

/**
 * A policy given with the report is parsed while the options are validated; without one the stored
 * policy (or the defaults) is read before the first byte, so a bad policy never yields half a file.
 */
const policyOption = z
  .string()
  .optional()
  .transform((text, ctx): Policy | undefined => {
    if (text === undefined) return undefined;
    try {
      return parsePolicyText(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: describeError(error) });
      return z.NEVER;
    }
  });

const options = z.object({ policy: policyOption, asOf: daySchema.optional(), ...planItemFilterShape });
type Options = z.output<typeof options>;

/**
 * Before the first byte: the policy in effect (a stored one that no longer validates fails here),
 * which registries' plans are kept, the plans of those that are not (computed, and kept for the
 * default view), and for the script the whole plan. The CSV then streams registry by registry, a
 * kept plan's items read in chunks as the client reads. The item filters narrow the
 * CSV's rows; the script is always the whole plan (its counts and bytes freed are the plan's), so
 * a filter with it is refused rather than ignored. A team member's plan (CSV and script) is its
 * teams' items, with the bytes freed of the registries no other team deletes in
 * (lib/stale/server/scope-cleanup-plan.ts).
 */
async function preparePlan(o: Options, format: string, access: Access) {
  const filter: PlanItemFilter = { registry: o.registry, repository: o.repository, action: o.action, reason: o.reason };
  if (format === "script" && hasPlanItemFilter(filter)) {
    const given = PLAN_FILTER_NAMES.filter((name) => filter[name] !== undefined).join(", ");
    throw new LedgerError(
      "validation",
      `Invalid option "${given}" for report cleanup-plan: the script is always the whole plan; filters apply to the CSV`,
    );
  }
  const input = { policy: await resolvePolicy(o.policy), asOf: planAsOf(o.asOf) };
  if (format === "script") {
    const registries = await scopeCleanupPlan((await getCleanupPlan(input)).registries, access);
    return { ...input, filter, entries: [], computed: new Map(), scope: null, plan: { registries } };
  }
  const [entries, scope] = await Promise.all([listPlanEntries(input), repositoryScope(access)]);
  // Registries without a kept plan are computed here, under one limit for them all, so a plan past
  // PLAN_TIMEOUT_SECONDS is a 503 before the first byte, never half a file. The default view's
  // plans are kept by the sync; only another day's or policy's are held whole this way.
  const budget = planBudget(getEnv().planTimeoutSeconds * 1_000);
  const computed = new Map<PlanEntry, readonly PlanItem[]>();
  for (const entry of entries)
    if (entry.kind === "stale" && (!filter.registry || entry.registry.name === filter.registry))
      computed.set(entry, (await computePlanEntry(entry, budget)).plan.items);
  return { ...input, filter, entries, computed, scope, plan: { registries: [] } };
}

export const cleanupPlanReport = defineReport({
  name: "cleanup-plan",
  teamScoped: true,
  description:
    "The stale-tag cleanup plan: one row per deleted manifest (all its tags), untagged tag, or protected candidate kept, with its reason " +
    "(`code: sentence`). tags are joined with a space (ACR tag names never hold one). Rows by registry, repository, then deletion order " +
    "(referrers before their image, indexes before their children), untags, keeps. --as-of YYYY-MM-DD evaluates the plan at the END of " +
    "that UTC day (default: today). --format script (route: ?format=script, text/x-shellscript) gives the bash script of az acr commands " +
    "instead, its header stating the policy, the as-of instant, the counts and the exact bytes freed (Σ of each registry's reclaimable bytes). " +
    "--registry, --repository (name contains), --action and --reason (code) narrow the CSV's rows as the /stale page's item filters do; " +
    "the script is always the whole plan.",
  columns: ["registry", "repository", "digest", "tags", "action", "reason", "last_updated_at", "size_bytes"],
  options,
  optionDescriptions: {
    policy:
      "the policy JSON (CLI: a file to read; route: the JSON text); default: the policy stored at /stale/policy, else the built-in rules",
    asOf: "evaluate the plan at the end of this UTC day, YYYY-MM-DD (default: today)",
    registry: "CSV rows of this registry only (its name)",
    repository: "CSV rows of repositories whose name contains this text (any case)",
    action: "CSV rows with this action only: delete, untag or keep",
    reason: "CSV rows with this reason code only (e.g. stale-tags, subject-deleted, in-use)",
  },
  fileOptions: ["policy"],
  prepare: preparePlan,
  async *rows({ entries, computed, filter, scope }) {
    const wanted = (item: PlanItem) =>
      matchesPlanItem(item, filter) && (!scope || repositoryInScope(scope, item.registry, item.repository));
    for (const entry of entries) {
      if (filter.registry && entry.registry.name !== filter.registry) continue;
      for await (const items of planItemChunks(entry, computed))
        for (const item of items) if (wanted(item)) yield csvRow(item);
    }
  },
  formats: {
    script: {
      contentType: "text/x-shellscript; charset=utf-8",
      extension: "sh",
      description: "the bash script of az acr commands",
      async *render({ policy, asOf, plan }) {
        const items: PlanItem[] = [];
        let reclaimable = 0n;
        for (const registry of plan.registries) {
          for (const item of registry.items) items.push(item);
          reclaimable += registry.reclaimableBytes;
        }
        yield renderCleanupScript({ items, policy, asOf, reclaimableBytes: reclaimable, counts: countPlan(items) });
      },
    },
  },
});

/** A registry's items in plan order: a kept plan's in chunks as the client reads, a stale one's as computed. */
async function* planItemChunks(
  entry: PlanEntry,
  computed: ReadonlyMap<PlanEntry, readonly PlanItem[]>,
): AsyncGenerator<readonly PlanItem[]> {
  if (entry.kind === "kept") yield* streamKeptItems(entry.registry);
  else yield computed.get(entry) ?? [];
}

function csvRow(item: PlanItem) {
  return {
    registry: item.registry,
    repository: item.repository,
    digest: item.digest,
    tags: item.tags.join(" "),
    action: item.action,
    reason: `${item.reasonCode}: ${item.reason}`,
    last_updated_at: item.lastUpdatedAt,
    size_bytes: item.sizeBytes.toString(),
  };
}
