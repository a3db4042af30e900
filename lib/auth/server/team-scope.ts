/**
 * The repositories an access may read. Full access reads everything; a team member reads the
 * repositories the chargeback ownership rules (the first matching rule, else the registry's `team`
 * tag) give to one of its teams, exactly as the chargeback allocates them: by registry and name.
 * - Current repositories (the repositories table, the cleanup plan): those of current registries.
 * - History keyed by (registry id, repository name) (tag_history, repository_snapshots): also the
 *   names that history outlives, owned by the same rules, so a member's tag trail and series are
 *   row for row the Admin's rows of its repositories.
 * Queries apply it in their WHERE (Prisma: repositoryScopeWhere; SQL: repositoryScopeSql), an
 * in-memory plan by repositoryInScope. Computed once per stored teams document and inventory
 * version (every registry write stores a fresh inventory token; a save changes the document), so
 * a saved rule or a finished sync applies on the next request.
 */
import "server-only";
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { compareCodePoints } from "@/lib/compare";
import { ownerResolver, toRegistryTags } from "@/lib/chargeback/ownership";
import { getChargebackConfig } from "@/lib/chargeback/server/config-store";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import type { ChargebackConfig } from "@/lib/chargeback/config";
import type { Access } from "../access";

export type RepositoryScope =
  | { kind: "all" }
  | {
      kind: "repositories";
      teams: readonly string[];
      /** Current repositories (rows of the repositories table). */
      repositoryIds: readonly number[];
      /** Parallel arrays: every owned (registry id, repository name), current or in history. */
      registryIds: readonly number[];
      names: readonly string[];
      /** `repositoryKey(registryName, repositoryName)` of the current ones, for rows that carry names only. */
      keys: ReadonlySet<string>;
    };

type TeamScope = Extract<RepositoryScope, { kind: "repositories" }>;

const ALL: RepositoryScope = { kind: "all" };

// On globalThis like the database client: Next may load this module once per route bundle.
const holder = globalThis as typeof globalThis & { __registryLedgerTeamScopes?: LRUCache<string, TeamScope> };
const cache = (holder.__registryLedgerTeamScopes ??= new LRUCache<string, TeamScope>({ max: 32 }));

export async function repositoryScope(access: Access): Promise<RepositoryScope> {
  if (access.kind === "all") return ALL;
  const teams = [...new Set(access.teams)].sort(compareCodePoints);
  const [stored, version] = await Promise.all([getChargebackConfig(), inventoryVersion()]);
  const key = JSON.stringify([teams, createHash("sha256").update(stored.document).digest("hex"), version]);
  const cached = cache.get(key);
  if (cached) return cached;
  const scope = await computeScope(teams, stored.config);
  cache.set(key, scope);
  return scope;
}

async function computeScope(teams: readonly string[], config: ChargebackConfig): Promise<TeamScope> {
  const wanted = new Set(teams);
  const owner = ownerResolver(config);
  const db = await getDb();
  const [registries, current, history] = await Promise.all([
    db.registry.findMany({ select: { id: true, name: true, tags: true, removedAt: true } }),
    db.repository.findMany({
      where: { registry: CURRENT_REGISTRY },
      select: { id: true, registryId: true, name: true },
    }),
    listHistoryRepositories(),
  ]);
  const byId = new Map(registries.map((r) => [r.id, { name: r.name, tags: toRegistryTags(r.tags) }]));
  const owned = (registryId: number, name: string) => {
    const registry = byId.get(registryId);
    return registry !== undefined && wanted.has(owner(registry, name).team);
  };
  const scope = {
    kind: "repositories" as const,
    teams,
    repositoryIds: [] as number[],
    registryIds: [] as number[],
    names: [] as string[],
    keys: new Set<string>(),
  };
  const pairs = new Set<string>();
  const addPair = (registryId: number, name: string) => {
    const pair = JSON.stringify([registryId, name]);
    if (pairs.has(pair)) return;
    pairs.add(pair);
    scope.registryIds.push(registryId);
    scope.names.push(name);
  };
  for (const r of current) {
    if (!owned(r.registryId, r.name)) continue;
    scope.repositoryIds.push(r.id);
    scope.keys.add(repositoryKey(byId.get(r.registryId)!.name, r.name));
    addPair(r.registryId, r.name);
  }
  for (const r of history) if (owned(r.registryId, r.name)) addPair(r.registryId, r.name);
  return scope;
}

/**
 * Every (registry id, repository name) the tag trail and the daily snapshots hold, by skipping
 * along their (registry_id, repository_name, …) indexes: one index probe per repository, not a
 * scan of every row.
 */
async function listHistoryRepositories(): Promise<{ registryId: number; name: string }[]> {
  const db = await getDb();
  const distinct = (table: string) => Prisma.sql`
    SELECT n.registry_id, n.repository_name FROM (
      WITH RECURSIVE walk AS (
        (SELECT registry_id, repository_name FROM ${Prisma.raw(table)} ORDER BY registry_id, repository_name LIMIT 1)
        UNION ALL
        SELECT next.registry_id, next.repository_name FROM walk, LATERAL (
          SELECT t.registry_id, t.repository_name FROM ${Prisma.raw(table)} t
          WHERE (t.registry_id, t.repository_name) > (walk.registry_id, walk.repository_name)
          ORDER BY t.registry_id, t.repository_name LIMIT 1) next)
      SELECT registry_id, repository_name FROM walk) n`;
  const rows = await db.$queryRaw<{ registry_id: number; repository_name: string }[]>`
    ${distinct("tag_history")} UNION ${distinct("repository_snapshots")}`;
  return rows.map((r) => ({ registryId: r.registry_id, name: r.repository_name }));
}

/** Changes with every registry write (a fresh inventory token), registry removal and repository row. */
async function inventoryVersion(): Promise<string> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ version: string }[]>`
    SELECT current_database() || ':' ||
           coalesce((SELECT md5(string_agg(id || ':' || coalesce(inventory_token::text, '') || ':' || coalesce(removed_at::text, ''), ',' ORDER BY id)) FROM registries), '') || ':' ||
           (SELECT count(*) || ':' || coalesce(max(id), 0) FROM repositories) AS version`;
  return row.version;
}

export function repositoryKey(registry: string, repository: string): string {
  return JSON.stringify([registry, repository]);
}

/** A where-fragment for the repositories table: `{ AND: [where, repositoryScopeWhere(scope)] }`. */
export function repositoryScopeWhere(scope: RepositoryScope): Prisma.RepositoryWhereInput {
  return scope.kind === "all" ? {} : { id: { in: [...scope.repositoryIds] } };
}

/** `TRUE`, or the (registry id, repository name) pairs in scope, over the columns given (`h.registry_id`). */
export function repositoryScopeSql(scope: RepositoryScope, registryIdColumn: string, nameColumn: string): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`TRUE`;
  return Prisma.sql`(${Prisma.raw(registryIdColumn)}, ${Prisma.raw(nameColumn)}) IN (SELECT * FROM unnest(${[...scope.registryIds]}::int[], ${[...scope.names]}::text[]))`;
}

export function repositoryInScope(scope: RepositoryScope, registry: string, repository: string): boolean {
  return scope.kind === "all" || scope.keys.has(repositoryKey(registry, repository));
}

export { teamInAccess } from "../access";
