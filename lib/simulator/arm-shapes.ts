// ARM resource bodies, shaped exactly like the official 2025-11-01 and 2019-06-01-preview
// examples. v12 of the management SDK throws without `sku`, webhook `properties.actions`
// or a `value` array, so those are always present.
import type { SimRegistry, SimReplication, SimRun, SimTask, SimWebhook } from "./estate";
import { acrTime, armOffsetTime } from "./clock";
import { guidFor } from "./prng";

const PROVIDER = "Microsoft.ContainerRegistry";

export function registryId(r: SimRegistry): string {
  return `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/${PROVIDER}/registries/${r.name}`;
}

export function registryJson(r: SimRegistry): object {
  const p = r.policies;
  return {
    id: registryId(r),
    name: r.name,
    type: `${PROVIDER}/registries`,
    location: r.location,
    tags: r.tags,
    sku: { name: r.sku, tier: r.sku },
    properties: {
      loginServer: r.loginServer,
      creationDate: acrTime(r.createdAt),
      provisioningState: "Succeeded",
      adminUserEnabled: r.adminUserEnabled,
      networkRuleSet: r.sku === "Premium" ? r.networkRuleSet : { defaultAction: "Allow", ipRules: [] },
      policies: {
        quarantinePolicy: { status: p.quarantine.status },
        trustPolicy: { type: p.trust.type, status: p.trust.status },
        retentionPolicy: {
          days: p.retention.days,
          lastUpdatedTime: armOffsetTime(p.retention.lastUpdatedAt),
          status: p.retention.status,
        },
        exportPolicy: { status: p.export.status },
        azureADAuthenticationAsArmPolicy: { status: p.azureADAuthenticationAsArm.status },
        softDeletePolicy: {
          retentionDays: p.softDelete.retentionDays,
          lastUpdatedTime: armOffsetTime(p.softDelete.lastUpdatedAt),
          status: p.softDelete.status,
        },
      },
      encryption: { status: "disabled" },
      status: null,
      dataEndpointEnabled: false,
      dataEndpointHostNames: [],
      privateEndpointConnections: [],
      publicNetworkAccess: r.publicNetworkAccess,
      networkRuleBypassOptions: "AzureServices",
      networkRuleBypassAllowedForTasks: false,
      zoneRedundancy: r.zoneRedundancy,
      anonymousPullEnabled: r.anonymousPullEnabled,
      roleAssignmentMode: "LegacyRegistryPermissions",
    },
  };
}

export function replicationJson(r: SimRegistry, rep: SimReplication): object {
  return {
    id: `${registryId(r)}/replications/${rep.name}`,
    name: rep.name,
    type: `${PROVIDER}/registries/replications`,
    location: rep.location,
    tags: r.tags,
    properties: {
      provisioningState: "Succeeded",
      status: { displayStatus: "Ready", message: "The replication is ready.", timestamp: acrTime(rep.createdAt) },
      regionEndpointEnabled: rep.regionEndpointEnabled,
      zoneRedundancy: rep.zoneRedundancy,
    },
  };
}

export function webhookJson(r: SimRegistry, w: SimWebhook): object {
  return {
    id: `${registryId(r)}/webhooks/${w.name}`,
    name: w.name,
    type: `${PROVIDER}/registries/webhooks`,
    location: w.location,
    tags: r.tags,
    properties: { status: w.status, scope: w.scope, actions: w.actions, provisioningState: "Succeeded" },
  };
}

export function taskJson(seed: number, r: SimRegistry, t: SimTask): object {
  const timers = t.timerSchedule ? [{ name: "nightly", status: "Enabled", schedule: t.timerSchedule }] : [];
  return {
    properties: {
      provisioningState: "Succeeded",
      creationDate: acrTime(t.createdAt),
      status: t.status,
      platform: { os: "Linux", architecture: "amd64" },
      agentConfiguration: { cpu: t.cpu },
      timeout: 3600,
      step: {
        type: "Docker",
        imageNames: t.imageNames,
        dockerFilePath: t.dockerFilePath,
        contextPath: t.contextPath,
        isPushEnabled: true,
        noCache: false,
        arguments: [{ name: "BUILD_CONFIGURATION", value: "Release", isSecret: false }],
      },
      trigger: {
        timerTriggers: timers,
        sourceTriggers: [
          {
            name: "defaultSourceTriggerName",
            status: "Enabled",
            sourceRepository: {
              sourceControlType: "Github",
              repositoryUrl: t.contextPath.split("#")[0],
              branch: "main",
            },
            sourceTriggerEvents: ["commit"],
          },
        ],
        baseImageTrigger: {
          name: "defaultBaseimageTriggerName",
          status: "Enabled",
          baseImageTriggerType: "Runtime",
          updateTriggerEndpoint: null,
        },
      },
      credentials: { customRegistries: {}, sourceRegistry: { loginMode: "Default" } },
    },
    id: `${registryId(r)}/tasks/${t.name}`,
    name: t.name,
    type: `${PROVIDER}/registries/tasks`,
    location: t.location,
    identity: {
      principalId: guidFor(seed, r.name, t.name, "principal"),
      tenantId: guidFor(seed, "tenant"),
      type: "SystemAssigned",
    },
    tags: r.tags,
  };
}

export function runJson(r: SimRegistry, run: SimRun): object {
  const lastUpdated = run.finishTime ?? run.startTime;
  return {
    properties: {
      provisioningState: "Succeeded",
      runId: run.runId,
      status: run.status,
      lastUpdatedTime: acrTime(lastUpdated),
      runType: run.runType,
      createTime: acrTime(run.createTime),
      startTime: acrTime(run.startTime),
      ...(run.finishTime ? { finishTime: acrTime(run.finishTime) } : {}),
      outputImages: run.outputImages,
      task: run.task,
      imageUpdateTrigger: {
        id: `${run.runId}-trigger`,
        timestamp: acrTime(run.createTime),
        images: [{ registry: r.loginServer, repository: "base/debian", tag: "latest", digest: "" }],
      },
      isArchiveEnabled: false,
      platform: { os: "Linux", architecture: "amd64" },
      agentConfiguration: { cpu: run.cpu },
      logArtifact: {
        registry: r.loginServer,
        repository: "acr/tasks",
        tag: `${run.task}-${run.runId}-log`,
        digest: "",
      },
    },
    id: `${registryId(r)}/runs/${run.runId}`,
    name: run.runId,
    type: `${PROVIDER}/registries/runs`,
  };
}
