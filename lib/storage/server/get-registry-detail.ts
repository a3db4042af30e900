import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "./current-registries";
import { billableReplicaLocations, isHomeRegion } from "@/lib/costs/replication";
import { bytesToNumber, optionalBytesToNumber, toIso } from "../../views";
import { parseInput } from "../../validation";

const paramsSchema = z.object({ name: z.string().trim().min(1).max(100) });
const tagsSchema = z.record(z.string(), z.string()).catch({});
const RECENT_RUNS = 20;

export type RegistryDetail = Awaited<ReturnType<typeof loadRegistryDetail>>;

async function loadRegistryDetail(name: string) {
  const db = await getDb();
  const r = await db.registry.findFirst({
    where: { name, ...CURRENT_REGISTRY },
    orderBy: { id: "desc" },
    include: {
      usages: { orderBy: { name: "asc" } },
      replications: { orderBy: { name: "asc" } },
      webhooks: { orderBy: { name: "asc" } },
      tasks: { orderBy: { name: "asc" } },
      taskRuns: { orderBy: [{ createdAt: { sort: "desc", nulls: "last" } }, { runId: "desc" }], take: RECENT_RUNS },
    },
  });
  if (!r) return null;
  const storedBytes = bytesToNumber(r.storedBytes);
  const reportedUsageBytes = optionalBytesToNumber(r.reportedUsageBytes);
  // Azure's "Size" usage vs the distinct blob bytes we counted; the difference is what
  // Azure bills that no current manifest explains (deleted-but-unpurged blobs, lag, ...).
  const usageGapBytes = reportedUsageBytes === null ? null : reportedUsageBytes - storedBytes;
  return {
    properties: {
      name: r.name,
      armId: r.armId,
      subscriptionId: r.subscriptionId,
      resourceGroup: r.resourceGroup,
      location: r.location,
      loginServer: r.loginServer,
      skuName: r.skuName,
      createdAt: toIso(r.createdAt),
      provisioningState: r.provisioningState,
      adminUserEnabled: r.adminUserEnabled,
      publicNetworkAccess: r.publicNetworkAccess,
      anonymousPullEnabled: r.anonymousPullEnabled,
      dataEndpointEnabled: r.dataEndpointEnabled,
      zoneRedundancy: r.zoneRedundancy,
      encryptionStatus: r.encryptionStatus,
      privateEndpointCount: r.privateEndpointCount,
      roleAssignmentMode: r.roleAssignmentMode,
      lastSyncedAt: toIso(r.lastSyncedAt),
    },
    networkRules: {
      defaultAction: r.networkRuleDefaultAction,
      ipRuleCount: r.networkRuleIpCount,
      bypassOptions: r.networkRuleBypassOptions,
    },
    policies: {
      quarantine: r.quarantinePolicyStatus,
      trust: r.trustPolicyStatus,
      retention: r.retentionPolicyStatus,
      retentionDays: r.retentionPolicyDays,
      softDelete: r.softDeletePolicyStatus,
      softDeleteDays: r.softDeletePolicyDays,
      export: r.exportPolicyStatus,
    },
    tags: tagsSchema.parse(r.tags),
    storage: {
      repositoryCount: r.repositoryCount,
      manifestCount: r.manifestCount,
      tagCount: r.tagCount,
      logicalBytes: bytesToNumber(r.logicalBytes),
      storedBytes,
      reportedUsageBytes,
      usageGapBytes,
      usageGapRatio: usageGapBytes === null || !reportedUsageBytes ? null : usageGapBytes / reportedUsageBytes,
    },
    usages: r.usages.map((u) => ({
      name: u.name,
      unit: u.unit,
      currentValue: bytesToNumber(u.currentValue),
      limit: optionalBytesToNumber(u.limit),
    })),
    replicaCount: billableReplicaLocations({
      location: r.location,
      replicaLocations: r.replications.map((rep) => rep.location),
    }).length,
    replications: r.replications.map((rep) => ({
      name: rep.name,
      location: rep.location,
      status: rep.status,
      provisioningState: rep.provisioningState,
      regionEndpointEnabled: rep.regionEndpointEnabled,
      zoneRedundancy: rep.zoneRedundancy,
      isHome: isHomeRegion(r.location, rep.location),
    })),
    webhooks: r.webhooks.map((w) => ({
      name: w.name,
      status: w.status,
      scope: w.scope,
      actions: w.actions,
      location: w.location,
    })),
    tasks: r.tasks.map((t) => ({
      name: t.name,
      status: t.status,
      platform: [t.platformOs, t.platformArch].filter(Boolean).join("/"),
      cpu: t.cpu,
      timeoutSeconds: t.timeoutSeconds,
    })),
    recentRuns: r.taskRuns.map((run) => ({
      runId: run.runId,
      taskName: run.taskName,
      status: run.status,
      runType: run.runType,
      createdAt: toIso(run.createdAt),
      durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    })),
  };
}

/** One current registry by name with everything its detail page shows; null when absent. */
export async function getRegistryDetail(input: z.input<typeof paramsSchema>): Promise<RegistryDetail> {
  const { name } = parseInput(paramsSchema, input);
  return loadRegistryDetail(name);
}
