/**
 * A cleanup plan cut to what an access may read: each registry's items in its repositories (every
 * registry stays, in order, so same-named registries still pair up with their rows). Reclaimable bytes exist per registry only (blobs are shared
 * across repositories), so a registry's bytes stay the access's only when every delete of the
 * registry's plan is in its repositories; otherwise they read 0 and `sharedDeletes` says why.
 */
import "server-only";
import type { Access } from "@/lib/auth/access";
import { repositoryInScope, repositoryScope } from "@/lib/auth/server/team-scope";
import { planShare } from "../plan-share";
import type { RegistryCleanupPlan } from "./list-cleanup-plan";

export type ScopedRegistryPlan = RegistryCleanupPlan & {
  /** Deletes outside the access share this registry: its reclaimable bytes are not the access's alone. */
  sharedDeletes: boolean;
};

export async function scopeCleanupPlan(
  registries: readonly RegistryCleanupPlan[],
  access: Access,
): Promise<ScopedRegistryPlan[]> {
  const scope = await repositoryScope(access);
  if (scope.kind === "all") return registries.map((r) => ({ ...r, sharedDeletes: false }));
  return registries.map((registry) => {
    const { items, ownsEveryDelete } = planShare(registry.items, (i) =>
      repositoryInScope(scope, i.registry, i.repository),
    );
    const sharedDeletes = !ownsEveryDelete;
    return { ...registry, items, reclaimableBytes: sharedDeletes ? 0n : registry.reclaimableBytes, sharedDeletes };
  });
}
