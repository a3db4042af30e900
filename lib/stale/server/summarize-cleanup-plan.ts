/**
 * The stale tags page's figures, from the SAME per-registry plans the cleanup-plan CSV and script
 * read (derived-cleanup-plan.ts: kept by the sync, else computed), so the page and the files cannot
 * drift. Totals and the by-registry table cover the whole plan; the by-repository table and the
 * items follow the filters. Everything but the items adds up from each plan's digest
 * (tally-cleanup-plan.ts); the items of the page alone are read (read-plan-items.ts), so a request
 * costs the same at 600,000 items as at 600. A team member's summary holds its teams' items only.
 */
import "server-only";
import { z } from "zod";
import type { Access } from "@/lib/auth/access";
import { repositoryScope } from "@/lib/auth/server/team-scope";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import type { PlanAction, PlanItem } from "@/lib/stale/decide";
import type { ReasonCode } from "@/lib/stale/reasons";
import type { Policy } from "@/lib/stale/policy";
import type { SavingNote } from "@/lib/stale/saving";
import { getPricing } from "@/lib/costs/server/get-pricing";
import { resolveChargebackConfig } from "../../chargeback/server/resolve-config";
import type { MicrosString } from "../../costs/cost-views";
import { bytesToNumber, toIso, toPage, type Page } from "../../views";
import { pageSchema, parseInput } from "../../validation";
import { planItemFilterShape } from "../plan-filter";
import { itemWindow } from "../plan-window";
import { withPlanSources } from "./derived-cleanup-plan";
import { readPlanItems } from "./read-plan-items";
import { tallyPlanCached, type RegistryShape } from "./tally-cleanup-plan";

const ITEMS_PAGE_SIZE = 50;
const REPOSITORIES_PAGE_SIZE = 25;

/** The page's filters: plan-filter's, an unknown action or reason in a hand-edited URL meaning none. */
export const planFilterSchema = z.object({
  registry: planItemFilterShape.registry,
  /** Substring of the repository name, case-insensitive. */
  repository: planItemFilterShape.repository,
  action: planItemFilterShape.action.catch(undefined),
  reason: planItemFilterShape.reason.catch(undefined),
  page: pageSchema,
  repositoryPage: pageSchema,
});
export type PlanFilter = z.output<typeof planFilterSchema>;

export type PlanCountsView = {
  deleteRows: number;
  untagRows: number;
  keepRows: number;
  manifestsDeleted: number;
  tagsDeleted: number;
  tagsUntagged: number;
  /** Candidate tags kept by a protection (keep rows of untagged manifests hold none). */
  tagsKept: number;
};

export type RegistryPlanView = PlanCountsView & {
  registry: string;
  sku: string;
  storedBytes: number;
  reclaimableBytes: number;
  savingMicros: MicrosString;
  savingNote: SavingNote;
  savingNoteText: string | null;
};

export type RepositoryPlanView = PlanCountsView & {
  registry: string;
  repository: string;
  /** Σ own sizes of the deleted manifests: NOT what deleting frees (layers may be shared). */
  deletedManifestBytes: number;
};

/** A team's share of the plan (ownership as on the Teams page). No reclaimable bytes: those are per registry. */
export type TeamPlanView = PlanCountsView & {
  team: string;
  repositories: number;
  /** Σ own sizes of the team's deleted manifests (layers may be shared with other teams). */
  deletedManifestBytes: number;
};

export type PlanItemView = {
  registry: string;
  repository: string;
  digest: string;
  tags: string[];
  action: PlanAction;
  reasonCode: ReasonCode;
  reason: string;
  lastUpdatedAt: string | null;
  sizeBytes: number;
};

export type CleanupPlanSummary = {
  asOf: string;
  month: string;
  currency: string;
  totals: PlanCountsView & { reclaimableBytes: number; savingMicros: MicrosString; repositories: number };
  registries: RegistryPlanView[];
  /** By owning team; empty while no team owns anything (no rules, no registry `team` tags). */
  teams: TeamPlanView[];
  repositories: Page<RepositoryPlanView>;
  items: Page<PlanItemView>;
};

export async function summarizeCleanupPlan(input: {
  policy: Policy;
  asOf: Date;
  filter?: z.input<typeof planFilterSchema>;
  access: Access;
}): Promise<CleanupPlanSummary> {
  const filter = parseInput(planFilterSchema, input.filter ?? {});
  // Read while the plans' digests are, awaited once they are (a failure is thrown there, not unhandled before).
  const context = Promise.all([
    getPricing(),
    loadRegistryShapes(),
    resolveChargebackConfig(undefined),
    repositoryScope(input.access),
  ]);
  context.catch(() => undefined);
  const plan = { policy: input.policy, asOf: input.asOf };
  return withPlanSources(plan, async (sources) => {
    const [pricing, registryShapes, { config }, scope] = await context;
    // The tally takes each registry's shape as its plan pairs with it: a copy per attempt.
    const shapes = new Map([...registryShapes].map(([name, list]) => [name, [...list]]));
    const tally = tallyPlanCached(sources, { filter, scope, shapes, config, pricing, asOf: input.asOf });
    const itemStart = (filter.page - 1) * ITEMS_PAGE_SIZE;
    const repositoryStart = (filter.repositoryPage - 1) * REPOSITORIES_PAGE_SIZE;
    const items = await readPlanItems(itemWindow(tally.matches, itemStart, ITEMS_PAGE_SIZE), filter);
    return {
      asOf: input.asOf.toISOString(),
      month: tally.month,
      currency: pricing.currency,
      totals: tally.totals,
      registries: tally.registries,
      teams: tally.teams,
      repositories: toPage(
        tally.repositories.slice(repositoryStart, repositoryStart + REPOSITORIES_PAGE_SIZE),
        tally.repositories.length,
        filter.repositoryPage,
        REPOSITORIES_PAGE_SIZE,
      ),
      items: toPage(items.map(itemView), tally.itemTotal, filter.page, ITEMS_PAGE_SIZE),
    };
  });
}

/** Current registries by name, in listCleanupPlan's order (name, then id) so same-named ones pair up. */
async function loadRegistryShapes(): Promise<Map<string, RegistryShape[]>> {
  const db = await getDb();
  const rows = await db.registry.findMany({
    where: CURRENT_REGISTRY,
    orderBy: { id: "asc" },
    select: {
      name: true,
      skuName: true,
      location: true,
      storedBytes: true,
      tags: true,
      replications: { select: { location: true } },
    },
  });
  const byName = new Map<string, RegistryShape[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  return byName;
}

function itemView(item: PlanItem): PlanItemView {
  return {
    registry: item.registry,
    repository: item.repository,
    digest: item.digest,
    tags: item.tags,
    action: item.action,
    reasonCode: item.reasonCode,
    reason: item.reason,
    lastUpdatedAt: toIso(item.lastUpdatedAt),
    sizeBytes: bytesToNumber(item.sizeBytes),
  };
}
