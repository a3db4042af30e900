/**
 * Pipelines and scripts: `Authorization: Bearer <JWT>` from the configured issuer (an Entra app's
 * client credentials), verified by jose against the issuer's published keys (its discovery
 * document's jwks_uri), for the audience AUTH_API_AUDIENCE. Roles from the token's `roles` claim.
 */
import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { LedgerError } from "@/lib/errors";
import { knownRoles, type Identity } from "../identity";

/** A 401 whose answer carries `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750). */
export class InvalidBearerToken extends LedgerError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super("unauthenticated", `invalid bearer token: ${reason}`, options);
  }
}

/** The WWW-Authenticate challenge of a 401: the token's fault named when a token was sent. */
export function bearerChallenge(error: unknown): string {
  return error instanceof InvalidBearerToken ? 'Bearer error="invalid_token"' : "Bearer";
}

/** The token of an `Authorization: Bearer …` header, or null when there is none. */
export function bearerTokenOf(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match ? match[1] : null;
}

const discoverySchema = z.object({ jwks_uri: z.url() });
// One key set per issuer for the process: jose caches the keys and refetches on an unknown kid.
const keySets = new Map<string, Promise<JWTVerifyGetKey>>();

function keySetOf(issuer: string): Promise<JWTVerifyGetKey> {
  let keys = keySets.get(issuer);
  if (!keys) {
    keys = (async () => {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`);
      if (!response.ok) throw new Error(`the issuer's discovery document answered ${response.status}`);
      const { jwks_uri: jwksUri } = discoverySchema.parse(await response.json());
      return createRemoteJWKSet(new URL(jwksUri));
    })();
    keySets.set(issuer, keys);
    // A failed discovery is retried on the next request rather than cached.
    keys.catch(() => keySets.delete(issuer));
  }
  return keys;
}

const claimsSchema = z.object({
  sub: z.string(),
  oid: z.string().optional(),
  roles: z.array(z.unknown()).optional(),
  groups: z.array(z.string()).optional(),
  app_displayname: z.string().optional(),
  azp: z.string().optional(),
  client_id: z.string().optional(),
});

export async function identityFromBearer(
  token: string,
  settings: { issuer: string; audience: string } | undefined,
): Promise<Identity> {
  if (!settings) throw new InvalidBearerToken("this server accepts none (AUTH_OIDC_ISSUER is not set)");
  let payload: unknown;
  try {
    const keys = await keySetOf(settings.issuer);
    // Entra signs with RS256; a minute of clock skew between its clock and ours is tolerated.
    ({ payload } = await jwtVerify(token, keys, {
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: 60,
    }));
  } catch (error) {
    throw new InvalidBearerToken(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new InvalidBearerToken("its claims are not an identity (no sub)");
  const claims = parsed.data;
  return {
    subject: claims.oid ?? claims.sub,
    name: claims.app_displayname ?? claims.azp ?? claims.client_id ?? claims.sub,
    roles: knownRoles(claims.roles ?? []),
    groups: [...new Set(claims.groups ?? [])],
    via: "bearer",
  };
}
