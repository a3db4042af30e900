/**
 * Who an ID token says signed in, read as Entra writes it: `oid` (stable across apps) before
 * `sub`, `name` before `preferred_username`, app roles in `roles`, group object ids in `groups`,
 * or a groups overage (`_claim_names.groups`) when the user is in more groups than a token carries.
 */
import { z } from "zod";
import { knownRoles, type Identity } from "./identity";

const idTokenSchema = z.object({
  sub: z.string(),
  oid: z.string().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  roles: z.array(z.unknown()).optional(),
  groups: z.array(z.string()).optional(),
  _claim_names: z.record(z.string(), z.string()).optional(),
  exp: z.number(),
});

export type SignedIn = {
  identity: Identity;
  /** The groups were left out for being too many: read them from Graph with `identity.subject`. */
  groupsOverage: boolean;
  /** Seconds since the epoch, from the ID token. */
  expiresAt: number;
};

export function identityFromIdToken(claims: unknown): SignedIn {
  const c = idTokenSchema.parse(claims);
  const groupsOverage = c.groups === undefined && c._claim_names?.groups !== undefined;
  return {
    identity: {
      subject: c.oid ?? c.sub,
      name: c.name ?? c.preferred_username ?? c.oid ?? c.sub,
      roles: knownRoles(c.roles ?? []),
      groups: [...new Set(c.groups ?? [])],
      via: "session",
    },
    groupsOverage,
    expiresAt: c.exp,
  };
}

/** Where to go after signing in: a path on this site, never another origin ("//evil", "/\evil", "https:…"). */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const parsed = new URL(value, "http://same.invalid");
  return parsed.origin === "http://same.invalid" ? `${parsed.pathname}${parsed.search}${parsed.hash}` : "/";
}
