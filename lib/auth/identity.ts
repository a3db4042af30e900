/** The caller of a request, however it proved who it is. */
import { isRole, type Role } from "./roles";

export const AUTH_MODES = ["none", "oidc", "easyauth"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export type Identity = {
  /** Stable id: the token's `oid` (or `sub`), Easy Auth's principal id, "local" in local mode. */
  subject: string;
  /** What the audit log and the header show. */
  name: string;
  roles: Role[];
  /** Entra group object ids, matched against the teams' `entraGroupIds`. */
  groups: string[];
  via: "local" | "session" | "easyauth" | "bearer";
};

/** Local mode: one person at this machine, who may do everything. */
export const LOCAL_IDENTITY: Identity = {
  subject: "local",
  name: "local user",
  roles: ["Ledger.Admin"],
  groups: [],
  via: "local",
};

/** Role claims as they arrive: unknown roles (another app's) are dropped, not refused. */
export function knownRoles(values: readonly unknown[]): Role[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && isRole(v)))] as Role[];
}
