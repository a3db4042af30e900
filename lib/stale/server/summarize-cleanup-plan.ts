/**
 * The stale tags page's figures, from the SAME plan the cleanup-plan CSV and script use
 * (getCleanupPlan, same policy and as-of, computed once and cached), so the page and the files cannot drift. Totals and the
 * by-registry table cover the whole plan; the by-repository table and the items follow the filters.
 * Reclaimable bytes exist per registry only (a blob shared by two repositories is freed only when
 * both let it go), so repositories show the sizes of their deleted manifests instead.
 * A team member's summary holds its teams' items only; a registry's reclaimable bytes (and saving)
 * count for it only when every delete of that registry's plan is in its repositories, and the
 * registry's stored bytes (an estate figure) read 0.
 */
import "server-only";
import { z } from "zod";
import type { Access } from "@/lib/auth/access";
import { isoMonth } from "@/lib/calendar";
import { compareCodePoints } from "@/lib/compare";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import type { Micros } from "@/lib/costs/types";
import type { PlanAction, PlanItem } from "@/lib/stale/decide";
import type { ReasonCode } from "@/lib/stale/reasons";
import type { Policy } from "@/lib/stale/policy";
import { monthlyStorageSaving, savingNoteText, type SavingNote } from "@/lib/stale/saving";
import { countPlan } from "@/lib/stale/script";
import { UNALLOCATED } from "@/lib/chargeback/config";
import { ownerResolver, toRegistryTags } from "@/lib/chargeback/ownership";
import { getPricing } from "@/lib/costs/server/get-pricing";
import { resolveChargebackConfig } from "../../chargeback/server/resolve-config";
import type { MicrosString } from "../../costs/cost-views";
import { bytesToNumber, toIso, toPage, type Page } from "../../views";
import { pageSchema, parseInput } from "../../validation";
import { getCleanupPlan } from "./get-cleanup-plan";
import { scopeCleanupPlan } from "./scope-cleanup-plan";
import { matchesPlanItem, matchesPlanRepository, planItemFilterShape } from "../plan-filter";
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

type RegistryShape = {
  name: string;
  skuName: string;
  location: string;
  storedBytes: bigint;
  tags: unknown;
  replications: { location: string }[];
};

export async function summarizeCleanupPlan(input: {
  policy: Policy;
  asOf: Date;
  filter?: z.input<typeof planFilterSchema>;
  access: Access;
}): Promise<CleanupPlanSummary> {
  const filter = parseInput(planFilterSchema, input.filter ?? {});
  const month = isoMonth(input.asOf);
  const [pricing, shapes, plan, { config }] = await Promise.all([
    getPricing(),
    loadRegistryShapes(),
    getCleanupPlan({ policy: input.policy, asOf: input.asOf }),
    resolveChargebackConfig(undefined),
  ]);
  const everything = input.access.kind === "all";
  const owner = ownerResolver(config);
  const teams = new Map<string, TeamPlanView & { repositoryKeys: Set<string> }>();
  const registries: RegistryPlanView[] = [];
  const repositories = new Map<string, RepositoryPlanView>();
  const matching: PlanItem[] = [];
  const all: PlanItem[] = [];
  let reclaimable = 0n;
  let saving: Micros = 0n;

  for (const registryPlan of await scopeCleanupPlan(plan.registries, input.access)) {
    const shape = shapes.get(registryPlan.registry)?.shift();
    const { items, sharedDeletes: shared } = registryPlan;
    // A team member sees the registries its repositories have items in.
    if (!everything && items.length === 0) continue;
    const registryReclaimable = registryPlan.reclaimableBytes;
    const storage = shape
      ? monthlyStorageSaving({
          registry: {
            sku: shape.skuName,
            location: shape.location,
            storedBytes: shape.storedBytes,
            replicaLocations: shape.replications.map((r) => r.location),
          },
          reclaimableBytes: registryReclaimable,
          month,
          pricing,
        })
      : null;
    reclaimable += registryReclaimable;
    saving += storage?.savingMicros ?? 0n;
    registries.push({
      registry: registryPlan.registry,
      sku: shape?.skuName ?? "",
      storedBytes: everything ? bytesToNumber(shape?.storedBytes ?? 0n) : 0,
      ...countsView(items),
      reclaimableBytes: bytesToNumber(registryReclaimable),
      savingMicros: (storage?.savingMicros ?? 0n).toString(),
      savingNote: storage?.note ?? null,
      savingNoteText: shared
        ? "other teams delete here too: what deleting frees is not one team's"
        : storage
          ? savingNoteText(storage.note, storage.includedBytes)
          : "registry gone since the plan was read",
    });
    const ownerRegistry = { name: registryPlan.registry, tags: toRegistryTags(shape?.tags ?? {}) };
    for (const item of items) {
      all.push(item);
      const teamName = owner(ownerRegistry, item.repository).team;
      const team = teams.get(teamName) ?? {
        team: teamName,
        repositories: 0,
        deletedManifestBytes: 0,
        repositoryKeys: new Set<string>(),
        ...countsView([]),
      };
      addItem(team, item);
      if (item.action === "delete") team.deletedManifestBytes += bytesToNumber(item.sizeBytes);
      team.repositoryKeys.add(JSON.stringify([item.registry, item.repository]));
      teams.set(teamName, team);
      if (!matchesPlanRepository(item, filter)) continue;
      const key = JSON.stringify([item.registry, item.repository]);
      const repository = repositories.get(key) ?? {
        registry: item.registry,
        repository: item.repository,
        deletedManifestBytes: 0,
        ...countsView([]),
      };
      addItem(repository, item);
      if (item.action === "delete") repository.deletedManifestBytes += bytesToNumber(item.sizeBytes);
      repositories.set(key, repository);
      if (matchesPlanItem(item, filter)) matching.push(item);
    }
  }

  const repositoryRows = [...repositories.values()].sort(
    (a, b) =>
      b.deletedManifestBytes - a.deletedManifestBytes ||
      compareCodePoints(a.registry, b.registry) ||
      compareCodePoints(a.repository, b.repository),
  );
  const itemStart = (filter.page - 1) * ITEMS_PAGE_SIZE;
  const repositoryStart = (filter.repositoryPage - 1) * REPOSITORIES_PAGE_SIZE;
  return {
    asOf: input.asOf.toISOString(),
    month,
    currency: pricing.currency,
    totals: {
      ...countsView(all),
      repositories: countPlan(all).repositories,
      reclaimableBytes: bytesToNumber(reclaimable),
      savingMicros: saving.toString(),
    },
    registries,
    teams: [...teams.values()].every((t) => t.team === UNALLOCATED)
      ? []
      : [...teams.values()]
          .map(({ repositoryKeys, ...team }) => ({ ...team, repositories: repositoryKeys.size }))
          .sort((a, b) => b.deletedManifestBytes - a.deletedManifestBytes || compareCodePoints(a.team, b.team)),
    repositories: toPage(
      repositoryRows.slice(repositoryStart, repositoryStart + REPOSITORIES_PAGE_SIZE),
      repositoryRows.length,
      filter.repositoryPage,
      REPOSITORIES_PAGE_SIZE,
    ),
    items: toPage(
      matching.slice(itemStart, itemStart + ITEMS_PAGE_SIZE).map(itemView),
      matching.length,
      filter.page,
      ITEMS_PAGE_SIZE,
    ),
  };
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

function countsView(items: readonly PlanItem[]): PlanCountsView {
  const counts: PlanCountsView = {
    deleteRows: 0,
    untagRows: 0,
    keepRows: 0,
    manifestsDeleted: 0,
    tagsDeleted: 0,
    tagsUntagged: 0,
    tagsKept: 0,
  };
  for (const item of items) addItem(counts, item);
  return counts;
}

/** The same counting as the script header's countPlan, plus row counts and kept tags. */
function addItem(counts: PlanCountsView, item: PlanItem): void {
  if (item.action === "delete") {
    counts.deleteRows += 1;
    counts.manifestsDeleted += 1;
    counts.tagsDeleted += item.tags.length;
  } else if (item.action === "untag") {
    counts.untagRows += 1;
    counts.tagsUntagged += item.tags.length;
  } else {
    counts.keepRows += 1;
    counts.tagsKept += item.tags.length;
  }
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
