/**
 * `npm start -- --demo-sign-in`: the demo identity provider, and the variables that point the
 * web server at it (AUTH_MODE=oidc on 127.0.0.1 only, since the demo passwords are printed).
 */
import { randomBytes } from "node:crypto";
import type { DEMO_SIGN_IN_VARIABLES } from "../../env";
import { startIdentityProvider, type RunningIdentityProvider } from "./server";

export type DemoSignIn = {
  idp: RunningIdentityProvider;
  appUrl: string;
  variables: Record<(typeof DEMO_SIGN_IN_VARIABLES)[number], string>;
};

export async function startDemoSignIn(port: number): Promise<DemoSignIn> {
  const appUrl = `http://127.0.0.1:${port}`;
  const idp = await startIdentityProvider({ appUrl });
  return {
    idp,
    appUrl,
    variables: {
      AUTH_MODE: "oidc",
      HOST: "127.0.0.1",
      AUTH_OIDC_ISSUER: idp.issuer,
      AUTH_OIDC_CLIENT_ID: idp.webClient.clientId,
      AUTH_OIDC_CLIENT_SECRET: idp.webClient.clientSecret,
      // A new secret each start: the demo's sessions end with it.
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: appUrl,
      AUTH_API_AUDIENCE: idp.apiAudience,
      AUTH_GRAPH_URL: idp.graphUrl,
    },
  };
}
