/**
 * How we reach Azure (or any Azure-compatible endpoint such as the built-in simulator):
 * the credential, the ARM endpoint with its token scope, the data-plane audience and,
 * for a stand-in with its own CA, extra trusted certificates.
 */
import { createDefaultHttpClient, type HttpClient } from "@azure/core-rest-pipeline";
import { DefaultAzureCredential, type AccessToken, type TokenCredential } from "@azure/identity";
import { getEnv, type Env } from "../env";
import { boundedHttpClient } from "./http-client";
import { meteredHttpClient } from "./read-metering";

export type AzureConnection = {
  credential: TokenCredential;
  armEndpoint: string;
  /** Always explicit: a sovereign endpoint with a trailing "/" would otherwise give "//.default". */
  armScope: string;
  /** Audience the data-plane client asks tokens for before the ACR token exchange. */
  acrAudience: string;
  subscriptionIds?: string[];
  /** TLS trust for a stand-in with its own CA (the simulator's): trusted instead of the public roots. */
  tlsOptions?: { ca: string[] };
  /**
   * One HTTP client for every SDK client of this connection. Agents are cached per HTTP client
   * and per TLS-settings object, so sharing both keeps connections alive across the many
   * per-repository clients instead of a new TLS handshake for each. It bounds every request
   * (lib/azure/http-client.ts): a timeout per attempt and the surrounding sync's deadline.
   */
  httpClient: HttpClient;
};

/** A pre-fetched bearer token (AZURE_ACCESS_TOKEN): pipelines and Azure-compatible endpoints. */
export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}
  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
  }
}

/** The token scope of an audience (a sovereign audience may end in "/"). */
export function scopeFor(audience: string): string {
  return `${audience.replace(/\/+$/, "")}/.default`;
}

/** Metered outside the timeout: waiting for a registry's read budget is not the request's time. */
function httpClientWithin(requestTimeoutMs: number): HttpClient {
  return meteredHttpClient(boundedHttpClient(createDefaultHttpClient(), requestTimeoutMs));
}

export function connectionFromEnv(env: Env): AzureConnection {
  const { azure } = env;
  const httpClient = httpClientWithin(azure.requestTimeoutSeconds * 1000);
  return {
    // The credential's own token requests (managed identity, Entra ID) go through the same bounded client.
    credential: azure.accessToken
      ? new StaticTokenCredential(azure.accessToken)
      : new DefaultAzureCredential({ httpClient }),
    armEndpoint: azure.armEndpoint,
    armScope: scopeFor(azure.armAudience),
    acrAudience: azure.acrAudience,
    subscriptionIds: azure.subscriptionIds,
    httpClient,
  };
}

export function simulatorConnection(
  armEndpoint: string,
  caPem: string,
  subscriptionIds?: string[],
  options: { requestTimeoutMs?: number } = {},
): AzureConnection {
  return {
    credential: new StaticTokenCredential("simulator-token"),
    armEndpoint,
    armScope: scopeFor(armEndpoint),
    acrAudience: armEndpoint,
    subscriptionIds,
    tlsOptions: { ca: [caPem] },
    httpClient: httpClientWithin(options.requestTimeoutMs ?? getEnv().azure.requestTimeoutSeconds * 1000),
  };
}

/** Client options shared by every SDK client we build: TLS roots and a retry budget for 429s. */
export function pipelineOptions(connection: AzureConnection) {
  return {
    ...(connection.tlsOptions ? { tlsOptions: connection.tlsOptions } : {}),
    httpClient: connection.httpClient,
    retryOptions: { maxRetries: 4, retryDelayInMs: 400, maxRetryDelayInMs: 15_000 },
    userAgentOptions: { userAgentPrefix: "registry-ledger" },
  };
}
