/**
 * The Stale tags page's figures from each registry's plan digest (counts by repository, action and
 * reason; never the items), cut to what the access may read. Reclaimable bytes exist per registry
 * only (a blob shared by two repositories is freed only when both let it go): a team member's
 * registry counts them only when every delete of the registry's plan is in its repositories, and
 * reads its stored bytes (an estate figure) as 0. Repositories and teams show their deleted
 * manifests' own sizes instead. Same-named registries pair with their rows in order.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import { repositoryInScope, type RepositoryScope } from "@/lib/auth/server/team-scope";
import { isoMonth } from "@/lib/calendar";
import { UNALLOCATED, type ChargebackConfig } from "@/lib/chargeback/config";
import { ownerResolver, toRegistryTags, type OwnerRegistry, type Ownership } from "@/lib/chargeback/ownership";
import { compareCodePoints } from "@/lib/compare";
import type { Micros, Pricing } from "@/lib/costs/types";
import { monthlyStorageSaving, savingNoteText } from "@/lib/stale/saving";
import { bytesToNumber } from "../../views";
import type { PlanGroup, PlanRun } from "../plan-codec";
import { matchesPlanRepository, type PlanItemFilter } from "../plan-filter";
import { runMatching, type RunMatch } from "../plan-window";
import type { RegistryPlanSource } from "./derived-cleanup-plan";
import type {
  CleanupPlanSummary,
  PlanCountsView,
  RegistryPlanView,
  RepositoryPlanView,
  TeamPlanView,
} from "./summarize-cleanup-plan";

export type RegistryShape = {
  name: string;
  skuName: string;
  location: string;
  storedBytes: bigint;
  tags: unknown;
  replications: { location: string }[];
};

export type PlanTally = {
  month: string;
  totals: CleanupPlanSummary["totals"];
  registries: RegistryPlanView[];
  teams: TeamPlanView[];
  /** Every repository the registry and repository filters keep, in the table's order. */
  repositories: RepositoryPlanView[];
  /** The runs holding items that pass every filter, in plan order, and how many. */
  matches: RunMatch<RegistryPlanSource>[];
  itemTotal: number;
};

type TallyContext = {
  filter: PlanItemFilter;
  scope: RepositoryScope;
  /** Current registries by name, in the plan's order (shifted as they pair up). */
  shapes: Map<string, RegistryShape[]>;
  owner: (registry: OwnerRegistry, repository: string) => Ownership;
  pricing: Pricing;
  asOf: Date;
};

/** tallyPlan's inputs as data: the ownership rules rather than their resolver. */
export type TallyInputs = Omit<TallyContext, "owner"> & { config: ChargebackConfig };

/** Tallies held at once: each a row per repository (~10,000 at `large`), so a few MB. */
const MAX_TALLIES = 32;
// On globalThis like the database client: Next may load this module once per route bundle.
const holder = globalThis as typeof globalThis & {
  __registryLedgerPlanTallies?: LRUCache<string, PlanTally>;
  __registryLedgerPricingIds?: WeakMap<Pricing, string>;
};
const tallies = (holder.__registryLedgerPlanTallies ??= new LRUCache<string, PlanTally>({ max: MAX_TALLIES }));
const pricingIds = (holder.__registryLedgerPricingIds ??= new WeakMap<Pricing, string>());

/**
 * tallyPlan, held by its inputs while every plan is kept: a kept plan's id names its items (a plan
 * kept again gets a new id), so the same ids with the same filters, scope, rules, registries and
 * day give the same tally, and a warm view skips going over every repository's runs. A computed
 * plan (another day or policy) has no such id: tallied each time.
 */
export function tallyPlanCached(sources: readonly RegistryPlanSource[], inputs: TallyInputs): PlanTally {
  const { config, ...ctx } = inputs;
  const key = sources.every((source) => source.kind === "kept") ? tallyKey(sources, inputs) : null;
  const held = key === null ? undefined : tallies.get(key);
  if (held) return held;
  const tally = tallyPlan(sources, { ...ctx, owner: ownerResolver(config) });
  if (key !== null) tallies.set(key, tally);
  return tally;
}

function tallyKey(sources: readonly RegistryPlanSource[], inputs: TallyInputs): string {
  // Prices change only with the process (get-pricing.ts): the table's identity stands for it.
  let pricing = pricingIds.get(inputs.pricing);
  if (pricing === undefined) pricingIds.set(inputs.pricing, (pricing = randomUUID()));
  const { registry, repository, action, reason } = inputs.filter;
  return JSON.stringify(
    {
      plans: sources.map((source) => [source.registry.id, source.registry.name, source.registry.digest.planId]),
      filter: [registry, repository, action, reason],
      scope: inputs.scope,
      config: inputs.config,
      shapes: [...inputs.shapes],
      pricing,
      asOf: inputs.asOf.toISOString(),
    },
    (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
  );
}

export function tallyPlan(sources: readonly RegistryPlanSource[], ctx: TallyContext): PlanTally {
  const month = isoMonth(ctx.asOf);
  const everything = ctx.scope.kind === "all";
  const teams = new Map<string, TeamPlanView & { repositoryKeys: Set<string> }>();
  const registries: RegistryPlanView[] = [];
  const repositories = new Map<string, RepositoryPlanView>();
  const withItems = new Set<string>();
  const totals = emptyCounts();
  const matches: RunMatch<RegistryPlanSource>[] = [];
  let itemTotal = 0;
  let reclaimable = 0n;
  let saving: Micros = 0n;

  for (const source of sources) {
    const { name, digest } = source.registry;
    const shape = ctx.shapes.get(name)?.shift();
    const inScope = (run: PlanRun) => repositoryInScope(ctx.scope, name, run.repository);
    const runs = digest.runs.filter(inScope);
    // A team member sees the registries its repositories have items in.
    if (!everything && runs.length === 0) continue;
    const shared = digest.runs.some((run) => !inScope(run) && run.groups.some((g) => g.action === "delete"));
    const registryReclaimable = shared ? 0n : digest.reclaimableBytes;
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
          pricing: ctx.pricing,
        })
      : null;
    reclaimable += registryReclaimable;
    saving += storage?.savingMicros ?? 0n;
    const registryCounts = emptyCounts();
    const ownerRegistry = { name, tags: toRegistryTags(shape?.tags ?? {}) };
    for (const run of runs) {
      const key = JSON.stringify([name, run.repository]);
      withItems.add(key);
      const teamName = ctx.owner(ownerRegistry, run.repository).team;
      const team = teams.get(teamName) ?? {
        team: teamName,
        repositories: 0,
        deletedManifestBytes: 0,
        repositoryKeys: new Set<string>(),
        ...emptyCounts(),
      };
      team.repositoryKeys.add(key);
      teams.set(teamName, team);
      const repository = matchesPlanRepository({ registry: name, repository: run.repository }, ctx.filter)
        ? (repositories.get(key) ?? {
            registry: name,
            repository: run.repository,
            deletedManifestBytes: 0,
            ...emptyCounts(),
          })
        : null;
      for (const group of run.groups) {
        for (const counts of [totals, registryCounts, team, repository]) if (counts) addGroup(counts, group);
        if (group.action !== "delete") continue;
        team.deletedManifestBytes += bytesToNumber(group.sizeBytes);
        if (repository) repository.deletedManifestBytes += bytesToNumber(group.sizeBytes);
      }
      if (!repository) continue;
      repositories.set(key, repository);
      const matching = runMatching(run, ctx.filter);
      itemTotal += matching;
      if (matching > 0) matches.push({ source, run, matching });
    }
    registries.push({
      registry: name,
      sku: shape?.skuName ?? "",
      storedBytes: everything ? bytesToNumber(shape?.storedBytes ?? 0n) : 0,
      ...registryCounts,
      reclaimableBytes: bytesToNumber(registryReclaimable),
      savingMicros: (storage?.savingMicros ?? 0n).toString(),
      savingNote: storage?.note ?? null,
      savingNoteText: shared
        ? "other teams delete here too: what deleting frees is not one team's"
        : storage
          ? savingNoteText(storage.note, storage.includedBytes)
          : "registry gone since the plan was read",
    });
  }

  return {
    month,
    totals: {
      ...totals,
      repositories: withItems.size,
      reclaimableBytes: bytesToNumber(reclaimable),
      savingMicros: saving.toString(),
    },
    registries,
    teams: [...teams.values()].every((t) => t.team === UNALLOCATED)
      ? []
      : [...teams.values()]
          .map(({ repositoryKeys, ...team }) => ({ ...team, repositories: repositoryKeys.size }))
          .sort((a, b) => b.deletedManifestBytes - a.deletedManifestBytes || compareCodePoints(a.team, b.team)),
    repositories: [...repositories.values()].sort(
      (a, b) =>
        b.deletedManifestBytes - a.deletedManifestBytes ||
        compareCodePoints(a.registry, b.registry) ||
        compareCodePoints(a.repository, b.repository),
    ),
    matches,
    itemTotal,
  };
}

function emptyCounts(): PlanCountsView {
  return {
    deleteRows: 0,
    untagRows: 0,
    keepRows: 0,
    manifestsDeleted: 0,
    tagsDeleted: 0,
    tagsUntagged: 0,
    tagsKept: 0,
  };
}

/** The script header's counting (countPlan), plus row counts and kept tags. */
function addGroup(counts: PlanCountsView, group: PlanGroup): void {
  if (group.action === "delete") {
    counts.deleteRows += group.rows;
    counts.manifestsDeleted += group.rows;
    counts.tagsDeleted += group.tags;
  } else if (group.action === "untag") {
    counts.untagRows += group.rows;
    counts.tagsUntagged += group.tags;
  } else {
    counts.keepRows += group.rows;
    counts.tagsKept += group.tags;
  }
}
