import "server-only";
import { getDb } from "@/lib/db";
import { repositoryStorageCosts } from "@/lib/costs/repository-cost";
import type { Micros } from "@/lib/costs/types";
import { coveredUntil, firstDayOf } from "@/lib/calendar";
import type { CostMonth } from "../cost-params";
import type { MicrosString } from "../cost-views";
import { loadRegistryMonthCosts } from "./load-registry-month-costs";

export type RepositoryKey = { registryId: number; registryName: string; name: string };

type RepositoryDayRow = { registry_id: number; repository_name: string; day: string; attributed_bytes: bigint };

export function repositoryCostKey(key: Pick<RepositoryKey, "registryId" | "name">): string {
  return `${key.registryId}/${key.name}`;
}

/**
 * The daily attributed bytes of the repositories asked about over the month (plus, for
 * carry-forward, the day of their registry's pre-month snapshot). Only those: each repository's
 * cost is rounded on its own, so a page of 50 rows reads 50 repositories' days, not 10,000.
 */
async function readRepositoryDays(
  keys: readonly RepositoryKey[],
  from: string,
  until: string,
): Promise<RepositoryDayRow[]> {
  const db = await getDb();
  const registryIds = keys.map((k) => k.registryId);
  const names = keys.map((k) => k.name);
  return db.$queryRaw<RepositoryDayRow[]>`
    WITH wanted AS (SELECT * FROM unnest(${registryIds}::int[], ${names}::text[]) AS w(registry_id, repository_name)),
    carried AS (
      SELECT registry_id, max(day) AS day FROM registry_snapshots
      WHERE registry_id IN (SELECT registry_id FROM wanted) AND day < ${from}::date GROUP BY registry_id)
    SELECT s.registry_id, s.repository_name, to_char(s.day, 'YYYY-MM-DD') AS day, s.attributed_bytes
    FROM repository_snapshots s JOIN wanted w USING (registry_id, repository_name)
    WHERE s.day BETWEEN ${from}::date AND ${until}::date OR (s.registry_id, s.day) IN (SELECT registry_id, day FROM carried)
    ORDER BY s.registry_id, s.repository_name, s.day`;
}

/**
 * Month-to-date storage cost of each repository asked about: its registry's storage and replica
 * storage cost, day by day, split by attributed bytes (repositoryStorageCosts). Keyed by
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
  const registries = (await loadRegistryMonthCosts(params, registryNames)).registries.filter((r) =>
    wanted.has(r.registryId),
  );
  if (registries.length === 0) return result;
  const rows = await readRepositoryDays(
    repositories,
    firstDayOf(params.month),
    coveredUntil(params.month, params.today),
  );
  for (const registry of registries) {
    const repositoryDaily = rows
      .filter((row) => row.registry_id === registry.registryId)
      .map((row) => ({ repository: row.repository_name, day: row.day, attributedBytes: BigInt(row.attributed_bytes) }));
    const costs: Map<string, Micros> = repositoryStorageCosts({ registryDaily: registry.cost.daily, repositoryDaily });
    for (const [name, micros] of costs)
      result.set(repositoryCostKey({ registryId: registry.registryId, name }), micros.toString());
  }
  return result;
}
