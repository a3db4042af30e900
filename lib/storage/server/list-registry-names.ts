import "server-only";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "./current-registries";

/** Names of the current registries, for filter pickers. */
export async function listRegistryNames(): Promise<string[]> {
  const db = await getDb();
  const rows = await db.registry.findMany({
    where: CURRENT_REGISTRY,
    distinct: ["name"],
    orderBy: { name: "asc" },
    select: { name: true },
  });
  return rows.map((r) => r.name);
}
