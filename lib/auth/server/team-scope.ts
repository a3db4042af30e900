/**
 * The repositories an access may read. Full access reads everything; a team member reads the
 * current repositories the chargeback ownership rules (the first matching rule, else the
 * registry's `team` tag) give to one of its teams, exactly as the Teams pages allocate them.
 * Resolved per request from the stored teams document and the current inventory, so a saved
 * rule or a finished sync applies on the next request. Queries apply the scope in their WHERE
 * (Prisma: repositoryScopeWhere; SQL over tables keyed by registry id and repository name:
 * repositoryScopeSql), in-memory plans by repositoryInScope.
 */
import "server-only";
import { ownerResolver } from "@/lib/chargeback/ownership";
import { getChargebackConfig } from "@/lib/chargeback/server/config-store";
import { listCurrentRepositories } from "@/lib/chargeback/server/list-current-repositories";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Access } from "../access";

export type RepositoryScope =
  | { kind: "all" }
  | {
      kind: "repositories";
      teams: readonly string[];
      repositoryIds: number[];
      /** Parallel arrays: the i-th repository is (registryIds[i], names[i]). */
      registryIds: number[];
      names: string[];
      /** `JSON.stringify([registryName, repositoryName])` of each, for rows that carry names only. */
      keys: ReadonlySet<string>;
    };

const ALL: RepositoryScope = { kind: "all" };

export async function repositoryScope(access: Access): Promise<RepositoryScope> {
  if (access.kind === "all") return ALL;
  const teams = new Set(access.teams);
  const owner = ownerResolver((await getChargebackConfig()).config);
  const scope = {
    kind: "repositories" as const,
    teams: access.teams,
    repositoryIds: [] as number[],
    registryIds: [] as number[],
    names: [] as string[],
    keys: new Set<string>(),
  };
  for (const { registry, registryId, repositories } of await listCurrentRepositories()) {
    for (const repository of repositories) {
      if (!teams.has(owner(registry, repository.name).team)) continue;
      scope.repositoryIds.push(repository.id);
      scope.registryIds.push(registryId);
      scope.names.push(repository.name);
      scope.keys.add(repositoryKey(registry.name, repository.name));
    }
  }
  return scope;
}

export function repositoryKey(registry: string, repository: string): string {
  return JSON.stringify([registry, repository]);
}

/** A where-fragment for the repositories table: `{ AND: [where, repositoryScopeWhere(scope)] }`. */
export function repositoryScopeWhere(scope: RepositoryScope): Prisma.RepositoryWhereInput {
  return scope.kind === "all" ? {} : { id: { in: scope.repositoryIds } };
}

/** `TRUE`, or the (registry id, repository name) pairs in scope, over the columns given (`h.registry_id`). */
export function repositoryScopeSql(scope: RepositoryScope, registryIdColumn: string, nameColumn: string): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`TRUE`;
  return Prisma.sql`(${Prisma.raw(registryIdColumn)}, ${Prisma.raw(nameColumn)}) IN (SELECT * FROM unnest(${scope.registryIds}::int[], ${scope.names}::text[]))`;
}

export function repositoryInScope(scope: RepositoryScope, registry: string, repository: string): boolean {
  return scope.kind === "all" || scope.keys.has(repositoryKey(registry, repository));
}

/** Whether the access reads this team's figures (chargeback lines, team pages). */
export function teamInAccess(access: Access, team: string): boolean {
  return access.kind === "all" || access.teams.includes(team);
}
