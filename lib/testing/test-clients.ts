// Test helpers: the real Azure SDK clients pointed at a running simulator, trusting its CA
// through pipeline `tlsOptions` (NODE_EXTRA_CA_CERTS cannot be set in-process).
import { rootCertificates } from "node:tls";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { ContainerRegistryManagementClient } from "@azure/arm-containerregistry";
import { ContainerRegistryClient, ContainerRegistryContentClient } from "@azure/container-registry";
import type { RunningSimulator } from "../simulator/server";

export const fixedCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: "simulated-aad-token",
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

export function tlsFor(sim: RunningSimulator): { ca: string[] } {
  return { ca: [...rootCertificates, sim.caCertPem] };
}

export function armClient(sim: RunningSimulator, subscriptionId: string): ContainerRegistryManagementClient {
  return new ContainerRegistryManagementClient(fixedCredential, subscriptionId, {
    endpoint: sim.armEndpoint,
    credentialScopes: [`${sim.armEndpoint}/.default`],
    tlsOptions: tlsFor(sim),
  });
}

export function registryClient(
  sim: RunningSimulator,
  loginServer: string,
  retryOptions = { maxRetries: 5 },
): ContainerRegistryClient {
  return new ContainerRegistryClient(`https://${loginServer}`, fixedCredential, {
    audience: "https://management.azure.com",
    tlsOptions: tlsFor(sim),
    retryOptions,
  });
}

export function contentClient(
  sim: RunningSimulator,
  loginServer: string,
  repository: string,
): ContainerRegistryContentClient {
  return new ContainerRegistryContentClient(`https://${loginServer}`, repository, fixedCredential, {
    audience: "https://management.azure.com",
    tlsOptions: tlsFor(sim),
  });
}
