import "server-only";
import { z } from "zod";
import type { Access } from "@/lib/auth/access";
import { repositoryScope, repositoryScopeWhere } from "@/lib/auth/server/team-scope";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "./current-registries";
import type { Prisma } from "@/lib/generated/prisma/client";
import { daySchema } from "../../validation";
import { resolveMonth } from "../../costs/cost-params";
import type { MicrosString } from "../../costs/cost-views";
import { repositoryCostKey, sumRepositoryStorageCosts } from "../../costs/server/sum-repository-storage-costs";
import { optionalFilterText, pageSchema, parseInput } from "../../validation";
import { repositoryFigures, toIso, toPage, type Page } from "../../views";

export const REPOSITORY_SORT_KEYS = [
  "registry",
  "name",
  "manifests",
  "tags",
  "untagged",
  "logical",
  "unique",
  "attributed",
  "updated",
] as const;
export type RepositorySortKey = (typeof REPOSITORY_SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";

/** The filters a page, its count and the CSV report share. */
export const repositoryFilterSchema = z.object({
  search: optionalFilterText,
  registry: optionalFilterText,
});
export type RepositoryFilter = z.infer<typeof repositoryFilterSchema>;

/** Lenient on purpose: a hand-edited URL with a junk sort still renders the default table. */
export const listRepositoriesParamsSchema = repositoryFilterSchema.extend({
  sort: z.enum(REPOSITORY_SORT_KEYS).catch("attributed").default("attributed"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  page: pageSchema.catch(1),
  pageSize: z.coerce.number().int().min(1).max(1000).catch(50).default(50),
  /** The day the month-to-date storage cost runs to (default: the current UTC date). */
  today: daySchema.optional(),
});
export type ListRepositoriesParams = z.input<typeof listRepositoriesParamsSchema>;

export type RepositoryRow = {
  id: number;
  registryName: string;
  name: string;
  manifestCount: number;
  tagCount: number;
  untaggedManifestCount: number;
  logicalBytes: number;
  uniqueBytes: number;
  attributedBytes: number;
  lastUpdatedAt: string | null;
  /** Storage + replica storage cost of the current month to date, split by attributed bytes; null without snapshots. */
  monthlyStorageCostMicros: MicrosString | null;
};

export function buildRepositoryWhere(filter: RepositoryFilter): Prisma.RepositoryWhereInput {
  return {
    registry: { ...CURRENT_REGISTRY, ...(filter.registry ? { name: filter.registry } : {}) },
    ...(filter.search ? { name: { contains: filter.search, mode: "insensitive" } } : {}),
  };
}

/** Every order ends in unique columns so pages never overlap or skip rows. */
function buildRepositoryOrder(
  sort: RepositorySortKey,
  dir: SortDirection,
): Prisma.RepositoryOrderByWithRelationInput[] {
  const tail: Prisma.RepositoryOrderByWithRelationInput[] = [{ id: "asc" }];
  switch (sort) {
    case "registry":
      return [{ registry: { name: dir } }, { registryId: dir }, { name: "asc" }, ...tail];
    case "name":
      return [{ name: dir }, { registry: { name: "asc" } }, ...tail];
    case "manifests":
      return [{ manifestCount: dir }, ...tail];
    case "tags":
      return [{ tagCount: dir }, ...tail];
    case "untagged":
      return [{ untaggedManifestCount: dir }, ...tail];
    case "logical":
      return [{ logicalBytes: dir }, ...tail];
    case "unique":
      return [{ uniqueBytes: dir }, ...tail];
    case "attributed":
      return [{ attributedBytes: dir }, ...tail];
    case "updated":
      return [{ lastUpdatedAt: { sort: dir, nulls: "last" } }, ...tail];
  }
}

/** The page of repositories `access` may read (a team member: its teams' repositories only). */
export async function listRepositories(input: ListRepositoriesParams, access: Access): Promise<Page<RepositoryRow>> {
  const params = parseInput(listRepositoriesParamsSchema, input);
  const db = await getDb();
  const where = { AND: [buildRepositoryWhere(params), repositoryScopeWhere(await repositoryScope(access))] };
  const [total, records] = await Promise.all([
    db.repository.count({ where }),
    db.repository.findMany({
      where,
      orderBy: buildRepositoryOrder(params.sort, params.dir),
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
      select: {
        id: true,
        name: true,
        manifestCount: true,
        tagCount: true,
        untaggedManifestCount: true,
        logicalBytes: true,
        uniqueBytes: true,
        attributedBytes: true,
        lastUpdatedAt: true,
        registryId: true,
        registry: { select: { name: true } },
      },
    }),
  ]);
  const costs = await sumRepositoryStorageCosts(
    resolveMonth({ today: params.today }),
    records.map((r) => ({ registryId: r.registryId, registryName: r.registry.name, name: r.name })),
  );
  const rows = records.map((r) => ({
    id: r.id,
    registryName: r.registry.name,
    name: r.name,
    ...repositoryFigures(r),
    lastUpdatedAt: toIso(r.lastUpdatedAt),
    monthlyStorageCostMicros: costs.get(repositoryCostKey({ registryId: r.registryId, name: r.name })) ?? null,
  }));
  return toPage(rows, total, params.page, params.pageSize);
}
