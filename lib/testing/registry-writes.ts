/**
 * What the registry write tests build by hand, as a sync's read would have it: a registry of a test
 * subscription, the fetched registry around its repositories, and a fresh database holding the
 * subscription and the manifests' contents (stored before any registry is written).
 */
import type { PoolClient } from "pg";
import type { AzureRegistry, ManifestContent } from "../azure/types";
import type { ChangedRepository, FetchedRegistry } from "../sync/types";
import { writeManifestContents } from "../sync/write-contents";
import { upsertSubscriptions } from "../sync/write-subscriptions";
import { createTestDatabase, type TestDatabase } from "./database";

/** Every Azure lock open, on a repository, manifest or tag. */
export const OPEN_LOCKS = { deleteEnabled: true, writeEnabled: true, listEnabled: true, readEnabled: true };

export function testAzureRegistry(subscriptionId: string, name: string, skuName: string): AzureRegistry {
  return {
    armId: `/subscriptions/${subscriptionId}/resourcegroups/rg/providers/microsoft.containerregistry/registries/${name}`,
    subscriptionId,
    resourceGroup: "rg",
    name,
    location: "westeurope",
    loginServer: `${name}.azurecr.io`,
    skuName,
    adminUserEnabled: false,
    networkRuleIpCount: 0,
    anonymousPullEnabled: false,
    dataEndpointEnabled: false,
    privateEndpointCount: 0,
    tags: {},
  };
}

/** The registry read with `changed` repositories listed in full and `unchanged` ones by properties only. */
export function fetchedRegistry(
  registry: AzureRegistry,
  changed: ChangedRepository[],
  unchanged: ChangedRepository[] = [],
): FetchedRegistry {
  return {
    registry,
    details: { usages: [], replications: [], webhooks: [], tasks: [], runs: [] },
    repositoryNames: [...unchanged, ...changed].map((c) => c.properties.name),
    unchanged: unchanged.map((c) => c.properties),
    changed,
    newContents: [],
    manifestErrors: [],
  };
}

export async function withClient<T>(db: TestDatabase, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  return work(client).finally(() => client.release());
}

/** A fresh database with the subscription (synced at `at`) and the contents stored. */
export async function createWriteDatabase(
  subscriptionId: string,
  at: Date,
  contents: ManifestContent[],
): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await upsertSubscriptions(db.pool, [{ id: subscriptionId }], at);
  await withClient(db, (client) => writeManifestContents(client, contents));
  return db;
}
