/**
 * A team's part of the stale-tag plan in effect (the stored policy, as of `asOf` or today), from
 * each registry's plan digest (derived-cleanup-plan.ts: kept by the sync, else computed): counts
 * and sizes per repository and action, never the items, so the first view after a sync reads 12
 * small rows at `large` rather than its 650,000 items. Figures per registry the team has items in:
 * stale tags (tags of delete rows + untag rows), manifests deleted, Σ their own sizes (NOT what
 * deleting frees: layers may be shared), and the registry's exact reclaimable bytes with whether
 * the team's repositories hold all of its deletes (reclaimableBytes counts only those registries,
 * so it is exact). For a team member the registry's figure of a registry other teams also delete
 * in reads 0: it is not the team's.
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import type { PlanGroup } from "@/lib/stale/plan-codec";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { listPlanSources } from "@/lib/stale/server/derived-cleanup-plan";
import { resolvePolicy } from "@/lib/stale/server/resolve-policy";
import { bytesToNumber } from "../../views";

export type TeamCleanupRegistry = {
  registry: string;
  staleTags: number;
  manifestsDeleted: number;
  deletedManifestBytes: number;
  registryReclaimableBytes: number;
  /** Every delete in the registry's plan is in this team's repositories: its reclaimable bytes are the team's. */
  allDeletesAreTheTeams: boolean;
};

export type TeamCleanup = {
  asOf: string;
  staleTags: number;
  manifestsDeleted: number;
  deletedManifestBytes: number;
  reclaimableBytes: number;
  registries: TeamCleanupRegistry[];
};

const sum = (groups: readonly PlanGroup[], of: (g: PlanGroup) => number) => groups.reduce((s, g) => s + of(g), 0);

/** `owned`: the team's repositories as `registry/repository`. */
export async function readTeamCleanup(
  owned: ReadonlySet<string>,
  asOfDay: string | undefined,
  access: Access,
): Promise<TeamCleanup> {
  const asOf = planAsOf(asOfDay);
  const registries: TeamCleanupRegistry[] = [];
  for (const { registry } of await listPlanSources({ policy: await resolvePolicy(undefined), asOf })) {
    const { name, digest } = registry;
    const isMine = (repository: string) => owned.has(`${name}/${repository}`);
    const mine = digest.runs.filter((run) => isMine(run.repository));
    if (mine.length === 0) continue;
    const allDeletesAreTheTeams = digest.runs.every(
      (run) => isMine(run.repository) || run.groups.every((g) => g.action !== "delete"),
    );
    const groups = mine.flatMap((run) => run.groups);
    const deletes = groups.filter((g) => g.action === "delete");
    registries.push({
      registry: name,
      staleTags: sum(
        groups.filter((g) => g.action !== "keep"),
        (g) => g.tags,
      ),
      manifestsDeleted: sum(deletes, (g) => g.rows),
      deletedManifestBytes: bytesToNumber(deletes.reduce((s, g) => s + g.sizeBytes, 0n)),
      registryReclaimableBytes:
        access.kind === "all" || allDeletesAreTheTeams ? bytesToNumber(digest.reclaimableBytes) : 0,
      allDeletesAreTheTeams,
    });
  }
  return teamCleanupOf(asOf, registries);
}

/** The team's totals over its registries: reclaimable bytes only where the team holds every delete. */
export function teamCleanupOf(asOf: Date, registries: TeamCleanupRegistry[]): TeamCleanup {
  const total = (of: (r: TeamCleanupRegistry) => number, rows = registries) => rows.reduce((s, r) => s + of(r), 0);
  return {
    asOf: asOf.toISOString(),
    staleTags: total((r) => r.staleTags),
    manifestsDeleted: total((r) => r.manifestsDeleted),
    deletedManifestBytes: total((r) => r.deletedManifestBytes),
    reclaimableBytes: total(
      (r) => r.registryReclaimableBytes,
      registries.filter((r) => r.allDeletesAreTheTeams),
    ),
    registries,
  };
}
