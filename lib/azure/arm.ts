/**
 * The management plane. We use @azure/arm-containerregistry v11 for everything: v12 dropped
 * tasks, runs and task runs (its 12.0.0 changelog), while v11 still has them (api-version
 * 2019-06-01-preview) and calls 2025-11-01 for registries, usages, replications and webhooks.
 * One package, one pipeline, one auth path; no hand-written REST for tasks.
 */
import { ContainerRegistryManagementClient } from "@azure/arm-containerregistry";
import { pipelineOptions, type AzureConnection } from "./connection";
import { mapRegistry, mapReplication, mapTask, mapTaskRun, mapUsage, mapWebhook } from "./arm-mappers";
import type { AzureRegistry, AzureReplication, AzureTask, AzureTaskRun, AzureUsage, AzureWebhook } from "./types";

export type RegistryDetails = {
  usages: AzureUsage[];
  replications: AzureReplication[];
  webhooks: AzureWebhook[];
  tasks: AzureTask[];
  runs: AzureTaskRun[];
};

/**
 * Where a registry's run listing may stop: runs created before `createdSince` are stored and
 * finished; `storedSince` of the stored runs were created after it (sizes the page).
 */
export type RunsWatermark = { createdSince: Date; storedSince: number };

/** How many recent runs per registry we keep: enough for a month of task cost on busy registries. */
const RECENT_RUNS = 500;

export function createArmClient(
  connection: AzureConnection,
  subscriptionId: string,
): ContainerRegistryManagementClient {
  return new ContainerRegistryManagementClient(connection.credential, subscriptionId, {
    endpoint: connection.armEndpoint,
    credentialScopes: [connection.armScope],
    ...pipelineOptions(connection),
  });
}

async function collect<T, R>(items: AsyncIterable<T>, map: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for await (const item of items) out.push(map(item));
  return out;
}

export async function listRegistries(client: ContainerRegistryManagementClient): Promise<AzureRegistry[]> {
  return collect(client.registries.list(), mapRegistry);
}

export async function getRegistryDetails(
  client: ContainerRegistryManagementClient,
  registry: Pick<AzureRegistry, "resourceGroup" | "name">,
  options: { runsWatermark?: RunsWatermark } = {},
): Promise<RegistryDetails> {
  const { resourceGroup: rg, name } = registry;
  const [usages, replications, webhooks, tasks, runs] = await Promise.all([
    client.registries.listUsages(rg, name).then((r) => (r.value ?? []).map(mapUsage)),
    collect(client.replications.list(rg, name), mapReplication),
    collect(client.webhooks.list(rg, name), mapWebhook),
    collect(client.tasks.list(rg, name), mapTask),
    collectRuns(client, rg, name, options.runsWatermark),
  ]);
  return { usages, replications, webhooks, tasks, runs };
}

/**
 * Runs newest first (the order ACR lists them in), at most RECENT_RUNS. With a watermark (from the
 * stored runs: nothing created before it can be new or still changing) paging stops at the first
 * older run, so a daily sync reads one page instead of RECENT_RUNS / 100, and that page ($top) is
 * sized from the runs stored since then with room for as many new ones: a quiet registry's page
 * carries a few runs, not a hundred.
 */
async function collectRuns(
  client: ContainerRegistryManagementClient,
  rg: string,
  name: string,
  watermark: RunsWatermark | undefined,
): Promise<AzureTaskRun[]> {
  const runs: AzureTaskRun[] = [];
  const top = watermark ? Math.min(100, Math.max(20, watermark.storedSince * 2 + 10)) : 100;
  for await (const run of client.runs.list(rg, name, { top })) {
    const mapped = mapTaskRun(run);
    if (watermark && mapped.createdAt && mapped.createdAt < watermark.createdSince) break;
    runs.push(mapped);
    if (runs.length >= RECENT_RUNS) break;
  }
  return runs;
}
