import type { SimApps } from "./apps";

// Ground-truth types of the simulated estate. Tests and benchmarks compare what the
// sync stored against these; the HTTP layers only serialise them.

export type Scale = "small" | "medium" | "large";
export type SkuName = "Basic" | "Standard" | "Premium";

export interface SimSubscription {
  id: string;
  displayName: string;
  tenantId: string;
}

export interface SimLocks {
  deleteEnabled: boolean;
  writeEnabled: boolean;
  listEnabled: boolean;
  readEnabled: boolean;
}

export interface SimBlob {
  digest: string;
  sizeBytes: number;
  mediaType: string;
}

export interface SimChildRef {
  digest: string;
  architecture: string;
  os: string;
  variant?: string;
}

export interface SimManifest extends SimLocks {
  digest: string;
  mediaType: string;
  artifactType?: string;
  /** Digest of the image a signature or SBOM refers to (OCI `subject`). */
  subjectDigest?: string;
  configBlob?: SimBlob;
  layers: SimBlob[];
  /** Platform manifests of an index; children are untagged manifests in the same repository. */
  children?: SimChildRef[];
  architecture?: string;
  os?: string;
  /** ACR `imageSize`: config + layers for an image, the sum of its children for an index. */
  sizeBytes: number;
  createdAt: Date;
  lastUpdatedAt: Date;
  tags: string[];
  /** The exact bytes served by GET /v2/.../manifests; digest = "sha256:" + sha256(body). */
  readonly body: string;
  /** Byte length of `body` (the manifest blob's own storage). */
  bodySizeBytes: number;
}

export interface SimTag extends SimLocks {
  name: string;
  digest: string;
  createdAt: Date;
  lastUpdatedAt: Date;
}

export interface SimRepository extends SimLocks {
  name: string;
  createdAt: Date;
  lastUpdatedAt: Date;
  manifests: SimManifest[];
  tags: SimTag[];
}

export interface SimStatus {
  status: "enabled" | "disabled";
}

export interface SimPolicies {
  retention: SimStatus & { days: number; lastUpdatedAt: Date };
  /** ACR's retention policy only ever removes untagged manifests; kept separate for clarity. */
  untaggedRetention: SimStatus & { days: number };
  softDelete: SimStatus & { retentionDays: number; lastUpdatedAt: Date };
  trust: SimStatus & { type: "Notary" };
  quarantine: SimStatus;
  export: SimStatus;
  azureADAuthenticationAsArm: SimStatus;
}

export interface SimNetworkRuleSet {
  defaultAction: "Allow" | "Deny";
  ipRules: { action: "Allow"; value: string }[];
}

export interface SimReplication {
  name: string;
  location: string;
  createdAt: Date;
  regionEndpointEnabled: boolean;
  zoneRedundancy: "Enabled" | "Disabled";
}

export interface SimWebhook {
  name: string;
  location: string;
  status: "enabled" | "disabled";
  scope: string;
  actions: string[];
  serviceUri: string;
}

export interface SimTask {
  name: string;
  location: string;
  createdAt: Date;
  status: "Enabled" | "Disabled";
  cpu: number;
  repository: string;
  imageNames: string[];
  dockerFilePath: string;
  contextPath: string;
  timerSchedule?: string;
}

export interface SimRun {
  runId: string;
  task: string;
  status: "Succeeded" | "Failed" | "Canceled" | "Running";
  runType: "AutoBuild" | "QuickBuild";
  createTime: Date;
  startTime: Date;
  finishTime?: Date;
  cpu: number;
  outputImages: { registry: string; repository: string; tag: string; digest: string }[];
}

export interface SimUsage {
  name: "Size" | "Webhooks" | "Geo-replications";
  limit: number;
  currentValue: number;
  unit: "Bytes" | "Count";
}

export interface SimRegistry {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sku: SkuName;
  loginServer: string;
  createdAt: Date;
  adminUserEnabled: boolean;
  publicNetworkAccess: "Enabled" | "Disabled";
  networkRuleSet: SimNetworkRuleSet;
  anonymousPullEnabled: boolean;
  zoneRedundancy: "Enabled" | "Disabled";
  policies: SimPolicies;
  tags: Record<string, string>;
  /** For Premium, includes the home region, as Azure lists it. */
  replications: SimReplication[];
  webhooks: SimWebhook[];
  tasks: SimTask[];
  /** Newest first, as ARM lists them. */
  runs: SimRun[];
  usages: SimUsage[];
  repositories: SimRepository[];
}

export interface PlantedRegression {
  registry: string;
  repository: string;
  digest: string;
  tag: string;
  architecture: string;
  sizeBytes: number;
  /** Median imageSize of the 5 previous builds of the same repository and architecture. */
  baselineMedianBytes: number;
  /** When it was pushed (on or after REGRESSION_AT_MS): estates before this instant do not have it. */
  createdAt: Date;
}

/** Where the monthly bundle is planted (anomaly.ts: its days are `anomalyDays`, its tag `bundleTag`). */
export interface PlantedAnomaly {
  registry: string;
  repository: string;
}

export interface SimEstate {
  seed: number;
  scale: Scale;
  date: Date;
  subscriptions: SimSubscription[];
  registries: SimRegistry[];
  /** The one image-size regression planted in every estate (null before it is pushed). */
  plantedRegression: PlantedRegression | null;
  /** The repository whose attributed bytes jump on each bundle day (every estate, every date). */
  plantedAnomaly: PlantedAnomaly;
  /** Container Apps, jobs, web apps and function apps running the estate's images (apps.ts). */
  apps: SimApps;
}
