// Container Apps and App Service resource bodies, shaped like the official examples
// ContainerApps_ListBySubscription and Revisions_List (2026-01-01), WebApps_List and WebApps_GetConfiguration
// (2025-05-01): every key of the examples is present, so SDK deserialisers see Azure's shapes.
import {
  containerAppId,
  siteId,
  type SimAppContainer,
  type SimContainerApp,
  type SimRevision,
  type SimSite,
  type SimSiteConfig,
} from "./apps";

const resources = { cpu: 0.5, memory: "1Gi" };

function container(c: SimAppContainer): object {
  return { image: c.image, name: c.name, resources };
}

function environmentId(a: SimContainerApp): string {
  return `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.App/managedEnvironments/env-${a.resourceGroup}`;
}

export function containerAppJson(a: SimContainerApp): object {
  const fqdn = `${a.name}.env-${a.resourceGroup}.${a.location}.azurecontainerapps.io`;
  const certificate = (name: string) => `${environmentId(a)}/certificates/${name}`;
  return {
    id: containerAppId(a),
    name: a.name,
    type: "Microsoft.App/containerApps",
    location: a.location,
    properties: {
      provisioningState: "Succeeded",
      runningStatus: "Running",
      managedEnvironmentId: environmentId(a),
      workloadProfileName: "Consumption",
      latestRevisionFqdn: `${a.name}--rev1.env-${a.resourceGroup}.${a.location}.azurecontainerapps.io`,
      latestReadyRevisionName: `${a.name}--rev1`,
      configuration: {
        ingress: {
          fqdn,
          external: true,
          targetPort: 8080,
          transport: "auto",
          customDomains: [
            {
              name: `${a.name}.contoso.example`,
              bindingType: "SniEnabled",
              certificateId: certificate(`${a.name}-cert`),
            },
          ],
          traffic: a.revisions.filter((r) => r.active).map((r) => ({ weight: r.trafficWeight, revisionName: r.name })),
          ipSecurityRestrictions: [
            { name: "office", description: "Contoso offices", ipAddressRange: "203.0.113.0/24", action: "Allow" },
          ],
          stickySessions: { affinity: "none" },
        },
        dapr: {
          enabled: false,
          appPort: 8080,
          appProtocol: "http",
          httpReadBufferSize: 4,
          httpMaxRequestSize: 4,
          logLevel: "info",
          enableApiLogging: false,
          appHealth: {
            enabled: false,
            path: "/healthz",
            probeIntervalSeconds: 5,
            probeTimeoutMilliseconds: 500,
            threshold: 3,
          },
        },
        runtime: { java: { enableMetrics: false } },
        maxInactiveRevisions: 100,
        service: null,
      },
      template: {
        containers: a.containers.map(container),
        initContainers: a.initContainers.map(container),
        scale: {
          minReplicas: 1,
          maxReplicas: 10,
          cooldownPeriod: 300,
          pollingInterval: 30,
          rules: [{ name: "http-scaler", http: { metadata: { concurrentRequests: "100" } } }],
        },
        serviceBinds: [],
      },
      eventStreamEndpoint: `https://${a.location}.azurecontainerapps.dev/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/containerApps/${a.name}/eventstream`,
    },
  };
}

export function revisionJson(a: SimContainerApp, r: SimRevision): object {
  return {
    id: `${containerAppId(a)}/revisions/${r.name}`,
    name: r.name,
    type: "Microsoft.App/containerApps/revisions",
    properties: {
      createdTime: "2026-01-15T09:30:00+00:00",
      lastActiveTime: "2026-01-15T09:30:00+00:00",
      fqdn: `${r.name}.env-${a.resourceGroup}.${a.location}.azurecontainerapps.io`,
      template: {
        containers: r.containers.map(container),
        initContainers: r.initContainers.map(container),
        scale: {
          minReplicas: 1,
          maxReplicas: 10,
          rules: [{ name: "http-scaler", http: { metadata: { concurrentRequests: "100" } } }],
        },
      },
      trafficWeight: r.trafficWeight,
      active: r.active,
      replicas: r.active ? 1 : 0,
      provisioningState: "Provisioned",
      runningState: r.active ? "Running" : "Stopped",
      healthState: "Healthy",
    },
  };
}

export function jobJson(a: SimContainerApp): object {
  return {
    id: containerAppId(a),
    name: a.name,
    type: "Microsoft.App/jobs",
    location: a.location,
    properties: {
      provisioningState: "Succeeded",
      environmentId: environmentId(a),
      workloadProfileName: "Consumption",
      configuration: {
        triggerType: "Schedule",
        replicaTimeout: 1800,
        replicaRetryLimit: 1,
        scheduleTriggerConfig: { cronExpression: "0 2 * * *", parallelism: 1, replicaCompletionCount: 1 },
      },
      template: { containers: a.containers.map(container), initContainers: a.initContainers.map(container) },
      outboundIpAddresses: ["20.1.2.3"],
      eventStreamEndpoint: `https://${a.location}.azurecontainerapps.dev/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/jobs/${a.name}/eventstream`,
    },
  };
}

/** `siteConfig` / `config/web` properties. Listing sites leaves the container settings empty, as Azure does. */
function siteConfig(config: SimSiteConfig | null): object {
  return {
    acrUseManagedIdentityCreds: config !== null && config.linuxFxVersion !== "",
    alwaysOn: false,
    appCommandLine: "",
    autoHealEnabled: false,
    azureStorageAccounts: {},
    defaultDocuments: ["index.html", "hostingstart.html"],
    detailedErrorLoggingEnabled: false,
    ftpsState: "FtpsOnly",
    functionAppScaleLimit: 0,
    functionsRuntimeScaleMonitoringEnabled: false,
    http20Enabled: true,
    httpLoggingEnabled: false,
    linuxFxVersion: config?.linuxFxVersion ?? "",
    ...(config?.windowsFxVersion ? { windowsFxVersion: config.windowsFxVersion } : {}),
    loadBalancing: "LeastRequests",
    logsDirectorySizeLimit: 35,
    managedPipelineMode: "Integrated",
    minTlsVersion: "1.2",
    minimumElasticInstanceCount: 0,
    netFrameworkVersion: "v4.0",
    nodeVersion: "",
    numberOfWorkers: 1,
    phpVersion: "",
    powerShellVersion: "",
    pythonVersion: "",
    remoteDebuggingEnabled: false,
    requestTracingEnabled: false,
    scmMinTlsVersion: "1.2",
    use32BitWorkerProcess: false,
    virtualApplications: [{ physicalPath: "site\\wwwroot", preloadEnabled: false, virtualPath: "/" }],
    vnetName: "",
    vnetPrivatePortsCount: 0,
    vnetRouteAllEnabled: false,
    webSocketsEnabled: false,
  };
}

export function siteJson(s: SimSite, slot?: string): object {
  const host = slot === undefined ? s.name : `${s.name}-${slot}`;
  const farm = `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/providers/Microsoft.Web/serverfarms/plan-${s.resourceGroup}`;
  return {
    name: slot === undefined ? s.name : `${s.name}/${slot}`,
    type: slot === undefined ? "Microsoft.Web/sites" : "Microsoft.Web/sites/slots",
    id: siteId(s, slot),
    kind: s.kind,
    location: s.location,
    properties: {
      availabilityState: "Normal",
      clientAffinityEnabled: false,
      clientCertEnabled: false,
      clientCertMode: "Required",
      containerSize: 0,
      customDomainVerificationId: "3F2504E04F8911D39A0C0305E82C3301",
      dailyMemoryTimeQuota: 0,
      defaultHostName: `${host}.azurewebsites.net`,
      enabled: true,
      enabledHostNames: [`${host}.azurewebsites.net`, `${host}.scm.azurewebsites.net`],
      hostNameSslStates: [
        { name: `${host}.azurewebsites.net`, hostType: "Standard", sslState: "Disabled" },
        { name: `${host}.scm.azurewebsites.net`, hostType: "Repository", sslState: "Disabled" },
      ],
      hostNames: [`${host}.azurewebsites.net`],
      hostNamesDisabled: false,
      httpsOnly: true,
      hyperV: s.kind.includes("windows"),
      isXenon: false,
      keyVaultReferenceIdentity: "SystemAssigned",
      lastModifiedTimeUtc: "2026-01-15T09:30:00.000Z",
      outboundIpAddresses: "20.50.2.10,20.50.2.11",
      outboundVnetRouting: {
        allTraffic: false,
        applicationTraffic: false,
        backupRestoreTraffic: false,
        contentShareTraffic: false,
        imagePullTraffic: false,
      },
      possibleOutboundIpAddresses: "20.50.2.10,20.50.2.11,20.50.2.12",
      redundancyMode: "None",
      repositorySiteName: s.name,
      reserved: s.kind.includes("linux"),
      resourceConfig: { cpu: 1, memory: "2.0Gi" },
      resourceGroup: s.resourceGroup,
      scmSiteAlsoStopped: false,
      serverFarmId: farm,
      siteConfig: siteConfig(null),
      state: "Running",
      storageAccountRequired: false,
      usageState: "Normal",
      workloadProfileName: null,
    },
  };
}

export function siteConfigJson(s: SimSite, slot?: string): object {
  const config = slot === undefined ? s : s.slots.find((x) => x.name === slot)!;
  return {
    name: "web",
    type: slot === undefined ? "Microsoft.Web/sites/config" : "Microsoft.Web/sites/slots/config",
    id: `${siteId(s, slot)}/config/web`,
    kind: s.kind,
    properties: siteConfig(config),
  };
}

export function siteContainerJson(
  s: SimSite,
  slot: string | undefined,
  c: SimSiteConfig["siteContainers"][number],
): object {
  return {
    id: `${siteId(s, slot)}/sitecontainers/${c.name}`,
    name: c.name,
    type: "Microsoft.Web/sites/sitecontainers",
    properties: {
      image: c.image,
      targetPort: c.isMain ? "8080" : "4317",
      isMain: c.isMain,
      authType: "SystemIdentity",
      createdTime: "2026-01-15T09:30:00.000Z",
      lastModifiedTime: "2026-01-15T09:30:00.000Z",
      volumeMounts: [],
      environmentVariables: [],
    },
  };
}
