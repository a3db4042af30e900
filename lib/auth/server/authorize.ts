/**
 * The one scope check. Every page, API route, report and server action asks it before reading or
 * writing: who is calling (by the configured mode), and what they may see. Team membership is
 * read from the stored teams document, so a team's new Entra group applies on its next request.
 */
import "server-only";
import { getChargebackConfig } from "@/lib/chargeback/server/config-store";
import { getEnv } from "@/lib/env";
import { LedgerError } from "@/lib/errors";
import { decide, type Access, type Need } from "../access";
import { identityFromEasyAuth } from "../easyauth";
import { LOCAL_IDENTITY, type Identity } from "../identity";
import { bearerTokenOf, identityFromBearer } from "./bearer";
import { identityFromSession } from "./session";

export type Authorized = { identity: Identity; access: Access };

/** Who sent these headers, or null when nobody proved it (then 401 / sign-in). */
export async function identityFromHeaders(headers: Headers): Promise<Identity | null> {
  const { auth } = getEnv();
  if (auth.mode === "none") return LOCAL_IDENTITY;
  // A pipeline's token, in any signed-in mode; a bad one is refused, never read as "no token".
  const token = bearerTokenOf(headers);
  if (token) return identityFromBearer(token, auth.bearer);
  if (auth.mode === "easyauth") {
    return identityFromEasyAuth(headers.get("x-ms-client-principal"), headers.get("x-ms-client-principal-name"));
  }
  if (auth.oidc) return identityFromSession(headers, auth.oidc.secret);
  return null;
}

/** The identity and its access for `need`, or a LedgerError: "unauthenticated" (401) or "forbidden" (403). */
export async function authorizeHeaders(headers: Headers, need: Need): Promise<Authorized> {
  const identity = await identityFromHeaders(headers);
  if (!identity) throw new LedgerError("unauthenticated", "sign-in required");
  if (identity.via === "local") return { identity, access: { kind: "all" } };
  const teams = identity.roles.length === 0 ? (await getChargebackConfig()).config.teams : [];
  const decision = decide(identity, need, teams);
  if (!decision.ok) throw new LedgerError("forbidden", decision.reason);
  return { identity, access: decision.access };
}

/** For route handlers: they have the request, and may run outside a Next request scope (tests). */
export function authorizeRequest(request: Request, need: Need): Promise<Authorized> {
  return authorizeHeaders(request.headers, need);
}
