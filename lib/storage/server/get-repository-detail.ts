import "server-only";
import type { Access } from "@/lib/auth/access";
import { repositoryScope, repositoryScopeWhere } from "@/lib/auth/server/team-scope";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "./current-registries";
import { repositoryFigures, toIso } from "../../views";

export type RepositoryDetail = NonNullable<Awaited<ReturnType<typeof getRepositoryDetail>>>;

/** One repository of a current registry, by names; null when either is unknown or outside `access`. */
export async function getRepositoryDetail(registry: string, repository: string, access: Access) {
  const db = await getDb();
  const r = await db.repository.findFirst({
    where: {
      name: repository,
      registry: { name: registry, ...CURRENT_REGISTRY },
      ...repositoryScopeWhere(await repositoryScope(access)),
    },
    orderBy: { id: "desc" },
    include: { registry: { select: { name: true, loginServer: true } } },
  });
  if (!r) return null;
  return {
    registry: r.registry.name,
    loginServer: r.registry.loginServer,
    name: r.name,
    createdAt: toIso(r.createdAt),
    lastUpdatedAt: toIso(r.lastUpdatedAt),
    ...repositoryFigures(r),
    locked: !r.deleteEnabled || !r.writeEnabled,
  };
}
