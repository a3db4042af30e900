/**
 * Sign-in with an OpenID Connect issuer (Microsoft Entra ID or any other) through openid-client:
 * authorization code with PKCE, state and nonce; openid-client validates the ID token. The
 * sign-in in flight lives in a short-lived encrypted cookie, the result in the session cookie.
 */
import "server-only";
import {
  authorizationCodeGrant,
  buildAuthorizationUrl,
  buildEndSessionUrl,
  calculatePKCECodeChallenge,
  discovery,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
  type Configuration,
} from "openid-client";
import { z } from "zod";
import type { AuthSettings } from "@/lib/env";
import { LedgerError } from "@/lib/errors";
import type { Identity } from "../identity";
import { identityFromIdToken, safeReturnTo } from "../oidc-claims";
import { listMemberGroups } from "./graph";
import { seal, SESSION_MAX_SECONDS, SIGN_IN_MAX_SECONDS, unseal } from "./session";

export type OidcSettings = NonNullable<AuthSettings["oidc"]>;

export const CALLBACK_PATH = "/api/auth/callback";

// One discovery per issuer and client for the process; a failed one is retried on the next sign-in.
const configurations = new Map<string, Promise<Configuration>>();

export function oidcConfiguration(settings: OidcSettings): Promise<Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  let config = configurations.get(key);
  if (!config) {
    config = discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret);
    configurations.set(key, config);
    config.catch(() => configurations.delete(key));
  }
  return config;
}

const callbackUrl = (settings: OidcSettings) => new URL(CALLBACK_PATH, settings.url).href;

/** Where to send the browser to sign in, and the sealed sign-in to keep in a cookie until it returns. */
export async function beginSignIn(
  settings: OidcSettings,
  returnTo: string | null,
): Promise<{ redirectTo: URL; pending: string }> {
  const config = await oidcConfiguration(settings);
  const verifier = randomPKCECodeVerifier();
  const state = randomState();
  const nonce = randomNonce();
  const redirectTo = buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(settings),
    scope: "openid profile",
    response_type: "code",
    code_challenge: await calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const expiresAt = Math.floor(Date.now() / 1000) + SIGN_IN_MAX_SECONDS;
  const pending = await seal(
    { verifier, state, nonce, returnTo: safeReturnTo(returnTo) },
    settings.secret,
    "sign-in",
    expiresAt,
  );
  return { redirectTo, pending };
}

const pendingSchema = z.object({ verifier: z.string(), state: z.string(), nonce: z.string(), returnTo: z.string() });

/** Groups past this many are kept only where a team names them, so the session fits in a cookie (4 KB). */
const MAX_SESSION_GROUPS = 40;

/**
 * The identity the issuer vouches for, from the callback's URL and the sign-in cookie; a
 * LedgerError "unauthenticated" when the sign-in is stale, forged or refused by the issuer.
 */
export async function completeSignIn(
  settings: OidcSettings,
  callbackSearch: string,
  pendingCookie: string | undefined,
  teamGroupIds: () => Promise<Set<string>>,
): Promise<{ identity: Identity; expiresAt: number; returnTo: string }> {
  const pending = pendingSchema.safeParse(await unseal(pendingCookie, settings.secret, "sign-in"));
  if (!pending.success)
    throw new LedgerError("unauthenticated", "the sign-in expired or did not start here: sign in again");
  const { verifier, state, nonce, returnTo } = pending.data;
  const config = await oidcConfiguration(settings);
  let claims: unknown;
  try {
    const tokens = await authorizationCodeGrant(config, new URL(`${CALLBACK_PATH}${callbackSearch}`, settings.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (error) {
    throw new LedgerError("unauthenticated", `sign-in refused: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  }
  const signedIn = identityFromIdToken(claims);
  let groups = signedIn.groupsOverage
    ? await listMemberGroups(config, settings.graphUrl, signedIn.identity.subject)
    : signedIn.identity.groups;
  if (groups.length > MAX_SESSION_GROUPS) {
    const known = await teamGroupIds();
    groups = groups.filter((g) => known.has(g));
  }
  const expiresAt = Math.min(signedIn.expiresAt, Math.floor(Date.now() / 1000) + SESSION_MAX_SECONDS);
  return { identity: { ...signedIn.identity, groups }, expiresAt, returnTo };
}

/** Where signing out ends: the issuer's end-session endpoint when it has one, else this site's home. */
export async function signOutUrl(settings: OidcSettings): Promise<URL> {
  const home = new URL("/", settings.url);
  const config = await oidcConfiguration(settings).catch(() => null);
  if (!config?.serverMetadata().end_session_endpoint) return home;
  return buildEndSessionUrl(config, { client_id: settings.clientId, post_logout_redirect_uri: home.href });
}

/** The oidc settings, or 404 when this server does not sign people in (AUTH_MODE is not oidc). */
export function requireOidc(auth: AuthSettings): OidcSettings {
  if (auth.mode !== "oidc" || !auth.oidc) throw new LedgerError("not_found", "Sign-in is off: AUTH_MODE is not oidc");
  return auth.oidc;
}
