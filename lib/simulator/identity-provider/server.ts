/**
 * An Entra-like OpenID provider (oidc-provider) over HTTPS with its own CA, for the tests and
 * `npm start -- --demo-sign-in`: people sign in on its login page (authorization code + PKCE for
 * the web client), pipelines get JWT access tokens by client credentials (scope
 * `<audience>/.default`, as on Entra), tokens carry app roles in `roles` and group object ids in
 * `groups`, and a Microsoft Graph stand-in answers getMemberObjects for the groups-overage user.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { buffer } from "node:stream/consumers";
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTPayload } from "jose";
import Provider, { errors, type KoaContextWithOIDC, type ResourceServer } from "oidc-provider";
import { createCerts } from "../certs";
import { sendJson } from "../http";
import { loginPage } from "./login-page";
import { DEMO_PIPELINES, DEMO_USERS, findDemoUser, type DemoUser } from "./users";

export type IdentityProviderOptions = {
  /** The app's base URL: its callback and post-sign-out URIs are registered for the web client. */
  appUrl: string;
  /** The audience of pipelines' access tokens (AUTH_API_AUDIENCE). */
  apiAudience?: string;
  port?: number;
  certDir?: string;
};

export type RunningIdentityProvider = {
  issuer: string;
  /** Where the Graph stand-in answers (AUTH_GRAPH_URL); also the audience of its tokens. */
  graphUrl: string;
  apiAudience: string;
  webClient: { clientId: string; clientSecret: string };
  caCertPem: string;
  caCertPath: string;
  /** A token signed with this issuer's key, with any claims (tests: expired or odd tokens). */
  signToken(claims: JWTPayload): Promise<string>;
  close(): Promise<void>;
};

export const DEMO_API_AUDIENCE = "api://registry-ledger";
const WEB_CLIENT = { clientId: "registry-ledger-web", clientSecret: "registry-ledger-web-secret" };
const ALG = "RS256";

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  const certs = await createCerts(options.certDir);
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer({ key: certs.serverKeyPem, cert: certs.serverCertPem }, (req, res) => handle(req, res));
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
  const issuer = `https://localhost:${port}`;
  const graphUrl = issuer;
  const apiAudience = options.apiAudience ?? DEMO_API_AUDIENCE;

  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = randomBytes(8).toString("hex");
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG, use: "sig" };
  const publicJwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" }] });

  const provider = new Provider(issuer, configuration({ appUrl: options.appUrl, apiAudience, graphUrl, privateJwk }));
  const providerHandler = provider.callback();
  const sendError = (res: ServerResponse, error: unknown) => {
    if (!res.headersSent) sendJson(res, 400, { error: "invalid_request", error_description: String(error) });
  };
  handle = (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const route = routeOf(req.method ?? "GET", url.pathname);
    const answer =
      route.kind === "login-form"
        ? showLogin(provider, req, res)
        : route.kind === "login"
          ? submitLogin(provider, req, res)
          : route.kind === "graph-member-objects"
            ? memberObjects(req, res, route.userId, publicJwks, graphUrl)
            : Promise.resolve(providerHandler(req, res));
    answer.catch((error: unknown) => sendError(res, error));
  };

  return {
    issuer,
    graphUrl,
    apiAudience,
    webClient: WEB_CLIENT,
    caCertPem: certs.caCertPem,
    caCertPath: certs.caCertPath,
    signToken: (claims) => new SignJWT(claims).setProtectedHeader({ alg: ALG, kid }).sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}

type Route =
  { kind: "login-form" } | { kind: "login" } | { kind: "graph-member-objects"; userId: string } | { kind: "provider" };

function routeOf(method: string, pathname: string): Route {
  if (method === "GET" && /^\/interaction\/[\w-]+$/.test(pathname)) return { kind: "login-form" };
  if (method === "POST" && /^\/interaction\/[\w-]+\/login$/.test(pathname)) return { kind: "login" };
  const graph = /^\/v1\.0\/users\/([^/]+)\/getMemberObjects$/.exec(pathname);
  if (method === "POST" && graph) return { kind: "graph-member-objects", userId: decodeURIComponent(graph[1]) };
  return { kind: "provider" };
}

function configuration(o: { appUrl: string; apiAudience: string; graphUrl: string; privateJwk: object }) {
  const appUrl = o.appUrl.replace(/\/+$/, "");
  const resources: Record<string, ResourceServer> = {
    [o.apiAudience]: { scope: `${o.apiAudience}/.default`, audience: o.apiAudience, accessTokenFormat: "jwt" },
    [o.graphUrl]: { scope: `${o.graphUrl}/.default`, audience: o.graphUrl, accessTokenFormat: "jwt" },
  };
  const resourceScopes = Object.values(resources).map((r) => r.scope);
  const rolesOfClient = (clientId: string) => DEMO_PIPELINES.find((p) => p.clientId === clientId)?.roles ?? [];
  return {
    clients: [
      {
        client_id: WEB_CLIENT.clientId,
        client_secret: WEB_CLIENT.clientSecret,
        client_name: "Registry Ledger",
        redirect_uris: [`${appUrl}/api/auth/callback`],
        post_logout_redirect_uris: [`${appUrl}/`],
        grant_types: ["authorization_code", "client_credentials"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
        scope: ["openid", "profile", ...resourceScopes].join(" "),
      },
      ...DEMO_PIPELINES.map((p) => ({
        client_id: p.clientId,
        client_secret: p.clientSecret,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_post",
        scope: resourceScopes.join(" "),
      })),
    ],
    jwks: { keys: [o.privateJwk] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    scopes: ["openid", "profile", ...resourceScopes],
    claims: { openid: ["sub"], profile: ["name", "preferred_username", "oid", "roles", "groups"] },
    // Entra puts the profile, roles and groups in the ID token itself.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 3600,
      Grant: 28800,
      IdToken: 3600,
      Interaction: 600,
      Session: 28800,
    },
    findAccount: (_ctx: unknown, id: string) => {
      const user = findDemoUser((u) => u.oid === id);
      return user ? { accountId: user.oid, claims: async () => claimsOf(user, o.graphUrl) } : undefined;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // First-party client: no consent screen, as for an Entra app whose admin consented for the tenant.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, result, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid profile");
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Entra names the resource in the scope (`api://app/.default`), not in a `resource` parameter.
        defaultResource: (ctx: KoaContextWithOIDC) => {
          const scope = typeof ctx.oidc.params?.scope === "string" ? ctx.oidc.params.scope : "";
          const named = scope.split(" ").find((s) => s.endsWith("/.default"));
          return named ? named.slice(0, -"/.default".length) : undefined;
        },
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          const server = resources[resource];
          if (!server) throw new errors.InvalidTarget(`unknown resource ${resource}`);
          return server;
        },
        useGrantedResource: () => false,
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { kind: string; clientId: string }) =>
      token.kind === "ClientCredentials" ? { roles: rolesOfClient(token.clientId), azp: token.clientId } : undefined,
  };
}

function claimsOf(user: DemoUser, graphUrl: string): Record<string, unknown> {
  const base = { sub: user.oid, oid: user.oid, name: user.name, preferred_username: user.username, roles: user.roles };
  if (!user.overageGroups) return { ...base, groups: user.groups };
  return {
    ...base,
    _claim_names: { groups: "src1" },
    _claim_sources: { src1: { endpoint: `${graphUrl}/v1.0/users/${user.oid}/getMemberObjects` } },
  };
}

async function showLogin(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(loginPage(interaction.uid, "Registry Ledger"));
}

async function submitLogin(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  const form = new URLSearchParams((await buffer(req)).toString("utf8"));
  const user = findDemoUser((u) => u.username === form.get("username")?.trim());
  if (!user || user.password !== form.get("password")) {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(loginPage(interaction.uid, "Registry Ledger", "Wrong username or password."));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: user.oid } }, { mergeWithLastSubmission: false });
}

/** Graph's POST /v1.0/users/{id}/getMemberObjects, for an app token whose audience is Graph. */
async function memberObjects(
  req: IncomingMessage,
  res: ServerResponse,
  userId: string,
  keys: ReturnType<typeof createLocalJWKSet>,
  graphUrl: string,
): Promise<void> {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  try {
    if (!token) throw new Error("no token");
    await jwtVerify(token, keys, { audience: graphUrl });
  } catch {
    sendJson(res, 401, {
      error: { code: "InvalidAuthenticationToken", message: "Access token is missing or invalid." },
    });
    return;
  }
  const user = DEMO_USERS.find((u) => u.oid === userId);
  if (!user) {
    sendJson(res, 404, {
      error: { code: "Request_ResourceNotFound", message: `Resource '${userId}' does not exist.` },
    });
    return;
  }
  sendJson(res, 200, { value: user.overageGroups ?? user.groups });
}
