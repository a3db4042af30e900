/** SDK models → our types. Azure omits what is unset, so every optional stays optional. */
import type { Registry, RegistryUsage, Replication, Run, Task, Webhook } from "@azure/arm-containerregistry";
import { LedgerError } from "../errors";
import type { AzureRegistry, AzureReplication, AzureTask, AzureTaskRun, AzureUsage, AzureWebhook } from "./types";

const ARM_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)$/i;

export function parseRegistryId(id: string): { subscriptionId: string; resourceGroup: string; name: string } {
  const match = ARM_ID.exec(id);
  if (!match) throw new LedgerError("azure", `Not a container registry resource id: ${id}`);
  return { subscriptionId: match[1].toLowerCase(), resourceGroup: match[2], name: match[3] };
}

export function mapRegistry(r: Registry): AzureRegistry {
  if (!r.id || !r.name || !r.loginServer) {
    throw new LedgerError(
      "azure",
      `Registry payload without id, name or loginServer: ${JSON.stringify(r.id ?? r.name)}`,
    );
  }
  const { subscriptionId, resourceGroup } = parseRegistryId(r.id);
  const rules = r.networkRuleSet;
  return {
    armId: r.id.toLowerCase(),
    subscriptionId,
    resourceGroup,
    name: r.name,
    location: r.location,
    loginServer: r.loginServer,
    skuName: r.sku.name,
    skuTier: r.sku.tier,
    createdAt: r.creationDate,
    provisioningState: r.provisioningState,
    adminUserEnabled: r.adminUserEnabled ?? false,
    publicNetworkAccess: r.publicNetworkAccess,
    networkRuleDefaultAction: rules?.defaultAction,
    networkRuleIpCount: rules?.ipRules?.length ?? 0,
    networkRuleBypassOptions: r.networkRuleBypassOptions,
    anonymousPullEnabled: r.anonymousPullEnabled ?? false,
    dataEndpointEnabled: r.dataEndpointEnabled ?? false,
    zoneRedundancy: r.zoneRedundancy,
    encryptionStatus: r.encryption?.status,
    privateEndpointCount: r.privateEndpointConnections?.length ?? 0,
    quarantinePolicyStatus: r.policies?.quarantinePolicy?.status,
    trustPolicyStatus: r.policies?.trustPolicy?.status,
    retentionPolicyStatus: r.policies?.retentionPolicy?.status,
    retentionPolicyDays: r.policies?.retentionPolicy?.days,
    exportPolicyStatus: r.policies?.exportPolicy?.status,
    roleAssignmentMode: r.roleAssignmentMode,
    tags: r.tags ?? {},
  };
}

export function mapUsage(u: RegistryUsage): AzureUsage {
  return { name: u.name ?? "unknown", limit: u.limit, currentValue: u.currentValue ?? 0, unit: u.unit };
}

export function mapReplication(r: Replication): AzureReplication {
  return {
    name: r.name ?? r.location,
    armId: (r.id ?? "").toLowerCase(),
    location: r.location,
    provisioningState: r.provisioningState,
    status: r.status?.displayStatus,
    regionEndpointEnabled: r.regionEndpointEnabled ?? true,
    zoneRedundancy: r.zoneRedundancy,
    tags: r.tags ?? {},
  };
}

export function mapWebhook(w: Webhook): AzureWebhook {
  return {
    name: w.name ?? "",
    location: w.location,
    status: w.status,
    scope: w.scope,
    actions: w.actions ?? [],
    provisioningState: w.provisioningState,
  };
}

export function mapTask(t: Task): AzureTask {
  return {
    name: t.name ?? "",
    status: t.status,
    platformOs: t.platform?.os,
    platformArch: t.platform?.architecture,
    cpu: t.agentConfiguration?.cpu,
    timeoutSeconds: t.timeout,
    provisioningState: t.provisioningState,
    createdAt: t.creationDate,
  };
}

export function mapTaskRun(r: Run): AzureTaskRun {
  return {
    runId: r.runId ?? r.name ?? "",
    taskName: r.task,
    status: r.status,
    runType: r.runType,
    createdAt: r.createTime,
    startedAt: r.startTime,
    finishedAt: r.finishTime,
    cpu: r.agentConfiguration?.cpu,
    platformOs: r.platform?.os,
    platformArch: r.platform?.architecture,
    outputImages: (r.outputImages ?? []).map((i) => ({
      registry: i.registry,
      repository: i.repository,
      tag: i.tag,
      digest: i.digest,
    })),
  };
}
