import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "./current-registries";
import { billableReplicaLocations } from "@/lib/costs/replication";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bytesToNumber, optionalBytesToNumber, toIso, toPage, type Page } from "../../views";
import { optionalFilterText, pageSchema, parseInput } from "../../validation";

/** The filters the registries page, its count and the CSV report share. */
export const registryFilterSchema = z.object({
  search: optionalFilterText,
  subscription: optionalFilterText,
});
export type RegistryFilter = z.infer<typeof registryFilterSchema>;

export const listRegistriesParamsSchema = registryFilterSchema.extend({
  page: pageSchema.catch(1),
  pageSize: z.coerce.number().int().min(1).max(1000).catch(100).default(100),
});
export type ListRegistriesParams = z.input<typeof listRegistriesParamsSchema>;

export type RegistryRow = {
  id: number;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  loginServer: string;
  location: string;
  skuName: string;
  adminUserEnabled: boolean;
  publicNetworkAccess: string | null;
  replicaCount: number;
  repositoryCount: number;
  manifestCount: number;
  tagCount: number;
  logicalBytes: number;
  storedBytes: number;
  reportedUsageBytes: number | null;
  lastSyncedAt: string | null;
};

export function buildRegistryWhere(filter: RegistryFilter): Prisma.RegistryWhereInput {
  return {
    ...CURRENT_REGISTRY,
    ...(filter.search ? { name: { contains: filter.search, mode: "insensitive" } } : {}),
    ...(filter.subscription ? { subscriptionId: filter.subscription } : {}),
  };
}

export async function listRegistries(input: ListRegistriesParams = {}): Promise<Page<RegistryRow>> {
  const params = parseInput(listRegistriesParamsSchema, input);
  const db = await getDb();
  const where = buildRegistryWhere(params);
  const [total, records] = await Promise.all([
    db.registry.count({ where }),
    db.registry.findMany({
      where,
      orderBy: [{ name: "asc" }, { subscriptionId: "asc" }, { id: "asc" }],
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
      include: { replications: { select: { location: true } } },
    }),
  ]);
  const rows = records.map((r) => ({
    id: r.id,
    name: r.name,
    subscriptionId: r.subscriptionId,
    resourceGroup: r.resourceGroup,
    loginServer: r.loginServer,
    location: r.location,
    skuName: r.skuName,
    adminUserEnabled: r.adminUserEnabled,
    publicNetworkAccess: r.publicNetworkAccess,
    replicaCount: billableReplicaLocations({
      location: r.location,
      replicaLocations: r.replications.map((rep) => rep.location),
    }).length,
    repositoryCount: r.repositoryCount,
    manifestCount: r.manifestCount,
    tagCount: r.tagCount,
    logicalBytes: bytesToNumber(r.logicalBytes),
    storedBytes: bytesToNumber(r.storedBytes),
    reportedUsageBytes: optionalBytesToNumber(r.reportedUsageBytes),
    lastSyncedAt: toIso(r.lastSyncedAt),
  }));
  return toPage(rows, total, params.page, params.pageSize);
}
