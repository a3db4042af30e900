import "server-only";
import type { Access } from "@/lib/auth/access";
import { repositoryScope, repositoryScopeWhere } from "@/lib/auth/server/team-scope";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";

export type TrendRepositoryOption = { registry: string; repository: string };

/** The repositories the trends page offers, current inventory, by registry then name (largest estates: first 2,000). */
export async function listTrendRepositories(access: Access, search?: string): Promise<TrendRepositoryOption[]> {
  const db = await getDb();
  const rows = await db.repository.findMany({
    where: {
      registry: CURRENT_REGISTRY,
      ...(search ? { name: { contains: search, mode: "insensitive" } } : {}),
      ...repositoryScopeWhere(await repositoryScope(access)),
    },
    select: { name: true, registry: { select: { name: true } } },
    orderBy: [{ registry: { name: "asc" } }, { name: "asc" }],
    take: 2000,
  });
  return rows.map((r) => ({ registry: r.registry.name, repository: r.name }));
}
