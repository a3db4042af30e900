/**
 * What lib/azure hands to the rest of the product: our own shapes, never SDK types.
 * Dates are JS Dates (millisecond precision; ACR sends 7 fractional digits).
 */

export type AzureSubscription = { id: string; displayName?: string; state?: string; tenantId?: string };

export type LockAttributes = {
  deleteEnabled: boolean;
  writeEnabled: boolean;
  listEnabled: boolean;
  readEnabled: boolean;
};

export type AzureRegistry = {
  armId: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  loginServer: string;
  skuName: string;
  skuTier?: string;
  createdAt?: Date;
  provisioningState?: string;
  adminUserEnabled: boolean;
  publicNetworkAccess?: string;
  networkRuleDefaultAction?: string;
  networkRuleIpCount: number;
  networkRuleBypassOptions?: string;
  anonymousPullEnabled: boolean;
  dataEndpointEnabled: boolean;
  zoneRedundancy?: string;
  encryptionStatus?: string;
  privateEndpointCount: number;
  quarantinePolicyStatus?: string;
  trustPolicyStatus?: string;
  retentionPolicyStatus?: string;
  retentionPolicyDays?: number;
  exportPolicyStatus?: string;
  roleAssignmentMode?: string;
  tags: Record<string, string>;
};

export type AzureUsage = { name: string; limit?: number; currentValue: number; unit?: string };

export type AzureReplication = {
  name: string;
  armId: string;
  location: string;
  provisioningState?: string;
  status?: string;
  regionEndpointEnabled: boolean;
  zoneRedundancy?: string;
  tags: Record<string, string>;
};

export type AzureWebhook = {
  name: string;
  location?: string;
  status?: string;
  scope?: string;
  actions: string[];
  provisioningState?: string;
};

export type AzureTask = {
  name: string;
  status?: string;
  platformOs?: string;
  platformArch?: string;
  cpu?: number;
  timeoutSeconds?: number;
  provisioningState?: string;
  createdAt?: Date;
};

export type AzureImageRef = { registry?: string; repository?: string; tag?: string; digest?: string };

export type AzureTaskRun = {
  runId: string;
  taskName?: string;
  status?: string;
  runType?: string;
  createdAt?: Date;
  startedAt?: Date;
  finishedAt?: Date;
  cpu?: number;
  platformOs?: string;
  platformArch?: string;
  outputImages: AzureImageRef[];
};

export type AzureRepository = LockAttributes & {
  name: string;
  createdAt?: Date;
  lastUpdatedAt?: Date;
  manifestCount?: number;
  tagCount?: number;
};

export type AzureManifest = LockAttributes & {
  digest: string;
  sizeBytes?: number;
  architecture?: string;
  os?: string;
  createdAt?: Date;
  lastUpdatedAt?: Date;
  tags: string[];
  /** Children of an index as the listing reports them (digest + platform). */
  references: { digest: string; architecture?: string; os?: string }[];
};

export type AzureTag = LockAttributes & {
  name: string;
  digest: string;
  createdAt?: Date;
  lastUpdatedAt?: Date;
};

/** What a manifest body tells us, parsed once per digest. */
export type ManifestContent = {
  digest: string;
  mediaType: string;
  artifactType?: string;
  subjectDigest?: string;
  configDigest?: string;
  bodyBytes: number;
  blobs: { digest: string; sizeBytes: number; mediaType?: string; kind: "config" | "layer" }[];
  children: { digest: string; architecture?: string; os?: string; variant?: string }[];
};
