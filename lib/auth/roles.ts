/**
 * Who may do what. Roles arrive as Entra app roles (the ID or access token's `roles` claim, or
 * Easy Auth's role claims); a signed-in identity with none of them reads only its teams' share.
 */
export const ROLES = ["Ledger.Admin", "Ledger.FinOps", "Ledger.Platform", "Ledger.Reader", "Ledger.Gate"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  /** Every page, report and read API over the whole estate. */
  "read",
  /** The size gate (GET /api/gate, npm run gate against a remote instance). */
  "gate",
  /** The teams, ownership rules and fixed fees document. */
  "edit-chargeback",
  /** FOCUS bill uploads. */
  "import-bills",
  /** The audit log. */
  "read-audit",
  /** The stale policy the cleanup plan follows. */
  "edit-policy",
  /** In-use image uploads. */
  "import-in-use",
  /** "Sync now" and POST /api/sync. */
  "request-sync",
] as const;
export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role, readonly Action[]> = {
  "Ledger.Admin": ACTIONS,
  "Ledger.FinOps": ["read", "gate", "edit-chargeback", "import-bills", "read-audit"],
  "Ledger.Platform": ["read", "gate", "edit-policy", "import-in-use", "request-sync"],
  "Ledger.Reader": ["read", "gate"],
  "Ledger.Gate": ["gate"],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function rolesGrant(roles: readonly Role[], action: Action): boolean {
  return roles.some((role) => GRANTS[role].includes(action));
}

/** What a role may do, for the README's matrix and the pages that explain a refusal. */
export function actionsOf(role: Role): readonly Action[] {
  return GRANTS[role];
}
