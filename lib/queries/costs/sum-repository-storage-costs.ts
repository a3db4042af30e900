import "server-only";
import { getDb } from "@/lib/db";
import { allocateRepositoryStorageCost } from "@/lib/domain/cost/repository-cost";
import type { Micros } from "@/lib/domain/cost/types";
import { coveredUntil, firstDayOf, type CostMonth } from "./cost-params";
import type { MicrosString } from "./cost-views";
import { loadRegistryMonthCosts } from "./load-registry-month-costs";

export type RepositoryKey = { registryId: number; registryName: string; name: string };

type RepositoryDayRow = { registry_id: number; repository_name: string; day: string; attributed_bytes: bigint };

export function repositoryCostKey(key: Pick<RepositoryKey, "registryId" | "name">): string {
  return `${key.registryId}/${key.name}`;
}

/**
 * Every repository's daily attributed bytes in these registries over the month (plus, for
 * carry-forward, the day of the registry's own pre-month snapshot). All of them, not only the
 * ones asked about: the largest-remainder split is exact only over the whole registry, and a page
 * of rows must print the same micros as the CSV.
 */
async function readRepositoryDays(registryIds: number[], from: string, until: string): Promise<RepositoryDayRow[]> {
  const db = await getDb();
  return db.$queryRaw<RepositoryDayRow[]>`
    WITH carried AS (
      SELECT registry_id, max(day) AS day FROM registry_snapshots
      WHERE registry_id = ANY(${registryIds}) AND day < ${from}::date GROUP BY registry_id)
    SELECT s.registry_id, s.repository_name, to_char(s.day, 'YYYY-MM-DD') AS day, s.attributed_bytes
    FROM repository_snapshots s
    WHERE s.registry_id = ANY(${registryIds})
      AND (s.day BETWEEN ${from}::date AND ${until}::date OR (s.registry_id, s.day) IN (SELECT registry_id, day FROM carried))
    ORDER BY s.registry_id, s.repository_name, s.day`;
}

/**
 * Month-to-date storage cost of each repository asked about: its registry's storage and replica
 * storage cost, day by day, split by attributed bytes (allocateRepositoryStorageCost). Keyed by
 * repositoryCostKey; a repository without snapshots in the month is absent (a zero cost is 0).
 */
export async function sumRepositoryStorageCosts(
  params: CostMonth,
  repositories: readonly RepositoryKey[],
): Promise<Map<string, MicrosString>> {
  const result = new Map<string, MicrosString>();
  if (repositories.length === 0) return result;
  const registryNames = [...new Set(repositories.map((r) => r.registryName))];
  const wanted = new Set(repositories.map((r) => r.registryId));
  const asked = new Set(repositories.map(repositoryCostKey));
  const registries = (await loadRegistryMonthCosts(params, registryNames)).registries.filter((r) => wanted.has(r.registryId));
  if (registries.length === 0) return result;
  const rows = await readRepositoryDays(
    registries.map((r) => r.registryId),
    firstDayOf(params.month),
    coveredUntil(params.month, params.today),
  );
  for (const registry of registries) {
    const repositoryDaily = rows
      .filter((row) => row.registry_id === registry.registryId)
      .map((row) => ({ repository: row.repository_name, day: row.day, attributedBytes: BigInt(row.attributed_bytes) }));
    const costs: Map<string, Micros> = allocateRepositoryStorageCost({ registryDaily: registry.cost.daily, repositoryDaily });
    for (const [name, micros] of costs) result.set(repositoryCostKey({ registryId: registry.registryId, name }), micros.toString());
  }
  for (const key of [...result.keys()]) if (!asked.has(key)) result.delete(key);
  return result;
}
