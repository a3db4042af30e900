import { NextResponse } from "next/server";
import { requireOidc, signOutUrl } from "@/lib/auth/server/oidc";
import { cookieOptions, SESSION_COOKIE } from "@/lib/auth/server/session";
import { getEnv } from "@/lib/env";
import { guardedRoute, PUBLIC } from "../../_lib/guarded-route";

/**
 * GET /api/auth/sign-out: the session cookie cleared, then the issuer's end-session endpoint
 * (which signs the person out there too and comes back to AUTH_URL), or this site's home.
 */
export const GET = guardedRoute(PUBLIC, async () => {
  const settings = requireOidc(getEnv().auth);
  const response = NextResponse.redirect(await signOutUrl(settings), 303);
  response.cookies.set(SESSION_COOKIE, "", cookieOptions(settings.url, 0));
  response.headers.set("Cache-Control", "no-store");
  return response;
});
