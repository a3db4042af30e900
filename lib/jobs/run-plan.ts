/**
 * A sync run split into queue jobs: what discovery found, stored on the run (sync_runs.plan) so
 * that any worker can run one registry of it, and the one that finishes it knows every registry
 * and subscription. Read back through zod: it crosses processes as JSON.
 */
import { z } from "zod";
import type { AzureRegistry } from "../azure/types";

const optionalText = z.string().optional();

/** An AzureRegistry as JSON gives it back (its creation time a string again). */
const registryJson = z.object({
  armId: z.string(),
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  name: z.string(),
  location: z.string(),
  loginServer: z.string(),
  skuName: z.string(),
  skuTier: optionalText,
  createdAt: z.coerce.date().optional(),
  provisioningState: optionalText,
  adminUserEnabled: z.boolean(),
  publicNetworkAccess: optionalText,
  networkRuleDefaultAction: optionalText,
  networkRuleIpCount: z.number(),
  networkRuleBypassOptions: optionalText,
  anonymousPullEnabled: z.boolean(),
  dataEndpointEnabled: z.boolean(),
  zoneRedundancy: optionalText,
  encryptionStatus: optionalText,
  privateEndpointCount: z.number(),
  quarantinePolicyStatus: optionalText,
  trustPolicyStatus: optionalText,
  retentionPolicyStatus: optionalText,
  retentionPolicyDays: z.number().optional(),
  exportPolicyStatus: optionalText,
  roleAssignmentMode: optionalText,
  tags: z.record(z.string(), z.string()),
}) satisfies z.ZodType<AzureRegistry>;

export const runPlan = z.object({
  /** Subscriptions whose registry list was read in full, each with the registries it listed. */
  subscriptions: z.array(z.object({ id: z.string(), armIds: z.array(z.string()) })),
  registries: z.array(registryJson),
  /** Parallel data-plane requests per registry. */
  concurrency: z.number().int().positive(),
  /** Past it no registry job reads from Azure any more: the run is recorded "timed out". */
  deadlineAt: z.coerce.date(),
  /** A registry with more repositories than this is read in batches of this many, one job each. */
  batchRepositories: z.number().int().positive().default(500),
});
export type RunPlan = z.infer<typeof runPlan>;

export const registryJobPayload = z.object({ runId: z.number().int(), armId: z.string() });
export type RegistryJobPayload = z.infer<typeof registryJobPayload>;

/** One batch of a large registry's repositories: part 1..n of its staged reads (sync_staged_reads). */
export const batchJobPayload = registryJobPayload.extend({ part: z.number().int().positive() });
export type BatchJobPayload = z.infer<typeof batchJobPayload>;

export const finishJobPayload = z.object({ runId: z.number().int() });
export type FinishJobPayload = z.infer<typeof finishJobPayload>;
