import { NextResponse } from "next/server";
import { completeSignIn, requireOidc } from "@/lib/auth/server/oidc";
import {
  cookieOf,
  cookieOptions,
  seal,
  SESSION_COOKIE,
  sessionPayload,
  SIGN_IN_COOKIE,
} from "@/lib/auth/server/session";
import { getChargebackConfig } from "@/lib/chargeback/server/config-store";
import { getEnv } from "@/lib/env";
import { guardedRoute, PUBLIC } from "../../_lib/guarded-route";

async function teamGroupIds(): Promise<Set<string>> {
  const { teams } = (await getChargebackConfig()).config;
  return new Set(teams.flatMap((t) => t.entraGroupIds ?? []));
}

/**
 * GET /api/auth/callback?code=…&state=…: the issuer's answer. The code is exchanged (PKCE,
 * state and nonce checked, the ID token validated by openid-client), the identity sealed in the
 * session cookie, and the browser sent back where it started. 401 for a stale or forged sign-in.
 */
export const GET = guardedRoute(PUBLIC, async (request: Request) => {
  const settings = requireOidc(getEnv().auth);
  const { identity, expiresAt, returnTo } = await completeSignIn(
    settings,
    new URL(request.url).search,
    cookieOf(request.headers, SIGN_IN_COOKIE),
    teamGroupIds,
  );
  const session = await seal(sessionPayload(identity), settings.secret, "session", expiresAt);
  const response = NextResponse.redirect(new URL(returnTo, settings.url), 303);
  const maxAge = Math.max(0, expiresAt - Math.floor(Date.now() / 1000));
  response.cookies.set(SESSION_COOKIE, session, cookieOptions(settings.url, maxAge));
  response.cookies.set(SIGN_IN_COOKIE, "", cookieOptions(settings.url, 0, "/api/auth"));
  response.headers.set("Cache-Control", "no-store");
  return response;
});
