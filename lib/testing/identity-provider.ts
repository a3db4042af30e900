/**
 * The demo identity provider for a test file, with its CA trusted by this process's fetch (which
 * openid-client and jose use): NODE_EXTRA_CA_CERTS is read only at start-up, so the default CA
 * list is extended in place instead.
 */
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { clientCredentialsGrant, discovery } from "openid-client";
import {
  startIdentityProvider,
  type IdentityProviderOptions,
  type RunningIdentityProvider,
} from "../simulator/identity-provider/server";

export async function startTestIdentityProvider(
  options: Partial<IdentityProviderOptions> = {},
): Promise<RunningIdentityProvider> {
  const idp = await startIdentityProvider({ appUrl: "http://127.0.0.1:3000", ...options });
  setDefaultCACertificates([...getCACertificates("default"), idp.caCertPem]);
  return idp;
}

/** The variables a web server signing in through `idp` runs with. */
export function oidcEnvFor(idp: RunningIdentityProvider, appUrl = "http://127.0.0.1:3000"): Record<string, string> {
  return {
    AUTH_MODE: "oidc",
    AUTH_OIDC_ISSUER: idp.issuer,
    AUTH_OIDC_CLIENT_ID: idp.webClient.clientId,
    AUTH_OIDC_CLIENT_SECRET: idp.webClient.clientSecret,
    AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    AUTH_URL: appUrl,
    AUTH_API_AUDIENCE: idp.apiAudience,
    AUTH_GRAPH_URL: idp.graphUrl,
  };
}

/** An access token by client credentials, as a pipeline gets one (scope `<audience>/.default`). */
export async function clientCredentialsToken(
  idp: RunningIdentityProvider,
  client: { clientId: string; clientSecret: string },
  audience = idp.apiAudience,
): Promise<string> {
  const config = await discovery(new URL(idp.issuer), client.clientId, client.clientSecret);
  return (await clientCredentialsGrant(config, { scope: `${audience}/.default` })).access_token;
}
