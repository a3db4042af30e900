/**
 * The current inventory as ownership sees it: each registry (name and tags) with its repositories'
 * names and attributed bytes, in name order. Shared by the rules preview and the team pages.
 */
import "server-only";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import { toRegistryTags, type OwnerRegistry } from "@/lib/chargeback/ownership";

export type CurrentRegistryRepositories = {
  registry: OwnerRegistry;
  repositories: { name: string; attributedBytes: bigint }[];
};

export async function listCurrentRepositories(): Promise<CurrentRegistryRepositories[]> {
  const db = await getDb();
  const registries = await db.registry.findMany({
    where: CURRENT_REGISTRY,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      name: true,
      tags: true,
      repositories: { select: { name: true, attributedBytes: true }, orderBy: { name: "asc" } },
    },
  });
  return registries.map((r) => ({
    registry: { name: r.name, tags: toRegistryTags(r.tags) },
    repositories: r.repositories,
  }));
}
