import "server-only";
import { getDb } from "@/lib/db";

/** Names of the current registries, for filter pickers. */
export async function listRegistryNames(): Promise<string[]> {
  const db = await getDb();
  const rows = await db.registry.findMany({
    where: { removedAt: null },
    distinct: ["name"],
    orderBy: { name: "asc" },
    select: { name: true },
  });
  return rows.map((r) => r.name);
}
