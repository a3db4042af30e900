/**
 * The signed-in session: the identity sealed in an encrypted cookie (JWE, dir + A256GCM, with a
 * key derived from AUTH_SECRET), so the server keeps no session store and a browser cannot read
 * or alter its roles. HttpOnly, SameSite=Lax, Secure when AUTH_URL is https, expiring with it.
 */
import "server-only";
import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { z } from "zod";
import { knownRoles, type Identity } from "../identity";

export const SESSION_COOKIE = "ledger_session";
/** The sign-in in flight (PKCE verifier, state, nonce, return path): only the callback reads it. */
export const SIGN_IN_COOKIE = "ledger_sign_in";
export const SESSION_MAX_SECONDS = 8 * 60 * 60;
export const SIGN_IN_MAX_SECONDS = 10 * 60;

/** One key per purpose, so a sign-in cookie can never be replayed as a session. */
function keyFor(secret: string, purpose: "session" | "sign-in"): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "registry-ledger", `cookie:${purpose}`, 32));
}

export async function seal(
  payload: JWTPayload,
  secret: string,
  purpose: "session" | "sign-in",
  expiresAt: number,
): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .encrypt(keyFor(secret, purpose));
}

/** The payload of a sealed cookie, or null when it is missing, expired, altered or sealed with another secret. */
export async function unseal(
  value: string | undefined,
  secret: string,
  purpose: "session" | "sign-in",
): Promise<JWTPayload | null> {
  if (!value) return null;
  try {
    return (await jwtDecrypt(value, keyFor(secret, purpose))).payload;
  } catch {
    return null;
  }
}

const sessionSchema = z.object({
  sub: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  groups: z.array(z.string()),
});

export function sessionPayload(identity: Identity): JWTPayload {
  return { sub: identity.subject, name: identity.name, roles: identity.roles, groups: identity.groups };
}

export function cookieOf(headers: Headers, name: string): string | undefined {
  return new RequestCookies(headers).get(name)?.value;
}

export async function identityFromSession(headers: Headers, secret: string): Promise<Identity | null> {
  const payload = await unseal(cookieOf(headers, SESSION_COOKIE), secret, "session");
  const parsed = sessionSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { sub, name, roles, groups } = parsed.data;
  return { subject: sub, name, roles: knownRoles(roles), groups, via: "session" };
}

export function cookieOptions(appUrl: string, maxAgeSeconds: number, path = "/") {
  return {
    httpOnly: true,
    secure: new URL(appUrl).protocol === "https:",
    sameSite: "lax" as const,
    path,
    maxAge: maxAgeSeconds,
  };
}
