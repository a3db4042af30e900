import "server-only";
import type { Access } from "@/lib/auth/access";
import { repositoryScope, repositoryScopeWhere } from "@/lib/auth/server/team-scope";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "./current-registries";

/** Names of the current registries, for filter pickers; a team member's: those holding its repositories. */
export async function listRegistryNames(access: Access): Promise<string[]> {
  const db = await getDb();
  const scope = await repositoryScope(access);
  const rows = await db.registry.findMany({
    where: {
      ...CURRENT_REGISTRY,
      ...(scope.kind === "all" ? {} : { repositories: { some: repositoryScopeWhere(scope) } }),
    },
    distinct: ["name"],
    orderBy: { name: "asc" },
    select: { name: true },
  });
  return rows.map((r) => r.name);
}
