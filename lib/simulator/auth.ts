// ACR's token dance, simulated: AAD token -> /oauth2/exchange -> refresh token ->
// /oauth2/token (per scope) -> access token. Tokens are unsigned JWT-shaped strings; the
// SDK only decodes the refresh token's payload for `exp`, and we only need to recognise ours.

const TOKEN_TTL_SECONDS = 3 * 3600;

export interface AccessClaims {
  /** Registry service the token was issued for (its login server). */
  aud: string;
  /** Granted scopes, e.g. "repository:team/app:metadata_read" or "registry:catalog:*". */
  scopes: string[];
  exp: number;
  /** Issue order: a revocation (fault plans' token expiry) rejects tokens issued before a number. */
  seq: number;
}

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");

function makeJwt(payload: object): string {
  return `${b64url({ alg: "none", typ: "JWT" })}.${b64url(payload)}.c2lt`;
}

function readJwt(token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

let issued = 0;
/** The sequence number the next token will carry. */
export const nextTokenSeq = (): number => issued + 1;

export function issueRefreshToken(service: string, tenant: string | undefined): string {
  return makeJwt({
    iss: "acr-simulator",
    typ: "refresh",
    aud: service,
    tenant: tenant ?? null,
    exp: nowSeconds() + TOKEN_TTL_SECONDS,
    seq: ++issued,
  });
}

/** `issuedFrom`: tokens with a lower sequence number were revoked. */
export function isValidRefreshToken(token: string, service: string, issuedFrom = 0): boolean {
  const p = readJwt(token);
  return (
    p !== null &&
    p.typ === "refresh" &&
    p.aud === service &&
    typeof p.exp === "number" &&
    p.exp > nowSeconds() &&
    typeof p.seq === "number" &&
    p.seq >= issuedFrom
  );
}

export function issueAccessToken(service: string, scope: string): string {
  return makeJwt({
    iss: "acr-simulator",
    typ: "access",
    aud: service,
    scopes: scope.split(" ").filter(Boolean),
    exp: nowSeconds() + TOKEN_TTL_SECONDS,
    seq: ++issued,
  });
}

/** Cache of decoded access tokens: the SDK reuses one token for many requests. */
const decoded = new Map<string, AccessClaims | null>();

export function readAccessToken(token: string): AccessClaims | null {
  const hit = decoded.get(token);
  if (hit !== undefined) return hit;
  const p = readJwt(token);
  const claims =
    p && p.typ === "access" && typeof p.aud === "string" && typeof p.exp === "number" && Array.isArray(p.scopes)
      ? {
          aud: p.aud,
          exp: p.exp,
          seq: typeof p.seq === "number" ? p.seq : 0,
          scopes: p.scopes.filter((s): s is string => typeof s === "string"),
        }
      : null;
  if (decoded.size > 10_000) decoded.clear();
  decoded.set(token, claims);
  return claims;
}

/** True when `granted` covers `required` ("repository:x:pull,metadata_read" style, or "*"). */
export function scopeCovers(granted: string[], required: string): boolean {
  const [type, name, action] = required.split(":");
  return granted.some((g) => {
    const [gType, gName, gActions] = g.split(":");
    if (gType !== type || gName !== name) return false;
    const actions = (gActions ?? "").split(",");
    return actions.includes("*") || actions.includes(action);
  });
}
