import { NextResponse } from "next/server";
import { beginSignIn, requireOidc } from "@/lib/auth/server/oidc";
import { cookieOptions, SIGN_IN_COOKIE, SIGN_IN_MAX_SECONDS } from "@/lib/auth/server/session";
import { getEnv } from "@/lib/env";
import { guardedRoute, PUBLIC } from "../../_lib/guarded-route";

/**
 * GET /api/auth/sign-in?returnTo=/path: to the issuer's sign-in (authorization code with PKCE),
 * the verifier, state and nonce kept in a short-lived encrypted cookie for the callback; returnTo
 * (a path on this site, else "/") is where the callback ends. 404 unless AUTH_MODE=oidc.
 */
export const GET = guardedRoute(PUBLIC, async (request: Request) => {
  const settings = requireOidc(getEnv().auth);
  const { redirectTo, pending } = await beginSignIn(settings, new URL(request.url).searchParams.get("returnTo"));
  const response = NextResponse.redirect(redirectTo, 303);
  response.cookies.set(SIGN_IN_COOKIE, pending, cookieOptions(settings.url, SIGN_IN_MAX_SECONDS, "/api/auth"));
  response.headers.set("Cache-Control", "no-store");
  return response;
});
