/** A sync's first step: the subscriptions, and the registries of each whose list could be read. */
import pLimit from "p-limit";
import { createArmClient, listRegistries } from "../azure/arm";
import type { AzureConnection } from "../azure/connection";
import { listSubscriptions } from "../azure/subscriptions";
import type { AzureRegistry, AzureSubscription } from "../azure/types";
import { describeError } from "../errors";
import type { SyncSummary } from "./types";

/** Subscriptions whose registries are listed at once. */
const SUBSCRIPTIONS_AT_ONCE = 8;

/** Any subscription id will do to build a client for the tenant-level subscriptions list. */
const NO_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

export type Discovery = {
  registries: AzureRegistry[];
  /** Subscriptions whose registry list was read in full: only there can we tell a registry is gone. */
  listedSubscriptions: { subscription: AzureSubscription }[];
};

export async function discover(connection: AzureConnection, errors: SyncSummary["errors"]): Promise<Discovery> {
  let subscriptions: AzureSubscription[];
  try {
    subscriptions = connection.subscriptionIds
      ? connection.subscriptionIds.map((id) => ({ id: id.toLowerCase() }))
      : await listSubscriptions(connection, createArmClient(connection, NO_SUBSCRIPTION));
  } catch (error) {
    errors.push({ registry: "*", message: `Listing subscriptions failed: ${describeError(error)}` });
    return { registries: [], listedSubscriptions: [] };
  }
  // Subscriptions' registries listed a few at a time; kept in the subscriptions' order.
  const limit = pLimit(SUBSCRIPTIONS_AT_ONCE);
  const listed = await Promise.all(
    subscriptions.map((subscription) =>
      limit(() => listRegistries(createArmClient(connection, subscription.id))).then(
        (found) => ({ subscription, found }),
        (error: unknown) => ({ subscription, error }),
      ),
    ),
  );
  const registries: AzureRegistry[] = [];
  const listedSubscriptions: Discovery["listedSubscriptions"] = [];
  for (const result of listed) {
    if ("error" in result) {
      errors.push({
        registry: `subscription ${result.subscription.id}`,
        message: `Listing registries failed: ${describeError(result.error)}`,
      });
      continue;
    }
    registries.push(...result.found);
    listedSubscriptions.push({ subscription: result.subscription });
  }
  return { registries, listedSubscriptions };
}
