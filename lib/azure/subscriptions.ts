/**
 * Listing subscriptions is not in the container-registry package; rather than pull in another
 * management SDK for one GET, we send it through the ARM client's own pipeline (same credential,
 * scope, TLS and retry policies) and validate the payload with zod.
 */
import type { ContainerRegistryManagementClient } from "@azure/arm-containerregistry";
import { createPipelineRequest } from "@azure/core-rest-pipeline";
import { z } from "zod";
import { LedgerError } from "../errors";
import type { AzureConnection } from "./connection";
import type { AzureSubscription } from "./types";

const SUBSCRIPTIONS_API_VERSION = "2022-12-01";

const page = z.object({
  value: z.array(
    z.object({
      subscriptionId: z.string(),
      displayName: z.string().optional(),
      state: z.string().optional(),
      tenantId: z.string().optional(),
    }),
  ),
  nextLink: z.string().nullish(),
});

export async function listSubscriptions(
  connection: AzureConnection,
  client: ContainerRegistryManagementClient,
): Promise<AzureSubscription[]> {
  const out: AzureSubscription[] = [];
  let url: string | null | undefined =
    `${connection.armEndpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`;
  while (url) {
    const response = await client.sendRequest(createPipelineRequest({ url, method: "GET" }));
    if (response.status !== 200) {
      throw new LedgerError(
        "azure",
        `Listing subscriptions failed: HTTP ${response.status} ${response.bodyAsText ?? ""}`.trim(),
      );
    }
    const parsed = page.safeParse(JSON.parse(response.bodyAsText ?? "{}"));
    if (!parsed.success) throw new LedgerError("azure", `Unexpected subscriptions payload: ${parsed.error.message}`);
    for (const s of parsed.data.value) {
      out.push({
        id: s.subscriptionId.toLowerCase(),
        displayName: s.displayName,
        state: s.state,
        tenantId: s.tenantId,
      });
    }
    url = parsed.data.nextLink;
  }
  return out;
}
