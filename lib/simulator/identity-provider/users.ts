/**
 * The demo identity provider's people and pipelines, shaped like an Entra tenant's: object ids
 * (`oid`), app roles in `roles`, group object ids in `groups`, and one user in more groups than a
 * token carries (Entra then sends `_claim_names`/`_claim_sources` and the app asks Graph).
 */
import type { Role } from "../../auth/roles";

export type DemoUser = {
  /** The sign-in name typed on the login page (also `preferred_username`). */
  username: string;
  password: string;
  oid: string;
  name: string;
  roles: Role[];
  groups: string[];
  /** Groups Graph answers for, sent as an overage instead of a `groups` claim. */
  overageGroups?: string[];
};

/** The group a demo team lead is in: add it to a team's entraGroupIds to give them that team. */
export const DEMO_TEAM_GROUP_ID = "5a1e7c3d-0000-4000-8000-00000000a001";
export const DEMO_OVERAGE_GROUP_IDS = [
  "5a1e7c3d-0000-4000-8000-00000000b001",
  "5a1e7c3d-0000-4000-8000-00000000b002",
  "5a1e7c3d-0000-4000-8000-00000000b003",
];

const user = (n: number, username: string, name: string, roles: Role[], groups: string[] = []): DemoUser => ({
  username,
  password: `${username}-demo`,
  oid: `0d1e7c3d-0000-4000-8000-${String(n).padStart(12, "0")}`,
  name,
  roles,
  groups,
});

export const DEMO_USERS: readonly DemoUser[] = [
  user(1, "admin", "Ada Admin", ["Ledger.Admin"]),
  user(2, "finops", "Fiona FinOps", ["Ledger.FinOps"]),
  user(3, "platform", "Pat Platform", ["Ledger.Platform"]),
  user(4, "reader", "Rita Reader", ["Ledger.Reader"]),
  user(5, "gate", "Gil Gate", ["Ledger.Gate"]),
  user(6, "lead", "Lee Lead", [], [DEMO_TEAM_GROUP_ID]),
  { ...user(7, "overage", "Olga Overage", []), overageGroups: [DEMO_TEAM_GROUP_ID, ...DEMO_OVERAGE_GROUP_IDS] },
  user(8, "nobody", "Noel Nobody", []),
];

export type DemoPipeline = { clientId: string; clientSecret: string; roles: Role[] };

/** Client-credentials clients (an Entra app with application roles assigned): one per role a pipeline needs. */
export const DEMO_PIPELINES: readonly DemoPipeline[] = [
  { clientId: "ledger-pipeline-gate", clientSecret: "ledger-pipeline-gate-secret", roles: ["Ledger.Gate"] },
  { clientId: "ledger-pipeline-reader", clientSecret: "ledger-pipeline-reader-secret", roles: ["Ledger.Reader"] },
  { clientId: "ledger-pipeline-none", clientSecret: "ledger-pipeline-none-secret", roles: [] },
];

export function findDemoUser(predicate: (u: DemoUser) => boolean): DemoUser | undefined {
  return DEMO_USERS.find(predicate);
}

/** The demo users as a newcomer reads them: who to sign in as to try each role. */
export function describeDemoUsers(): string[] {
  return DEMO_USERS.map((u) => {
    const what =
      u.roles.length > 0
        ? u.roles.join(", ")
        : u.overageGroups
          ? `no role; in ${u.overageGroups.length} groups sent as a groups overage (read from Graph), ${DEMO_TEAM_GROUP_ID} among them`
          : u.groups.length > 0
            ? `team lead: no role, member of group ${DEMO_TEAM_GROUP_ID} (add it to a team's entraGroupIds on /teams)`
            : "no role and no team";
    return `${u.username.padEnd(9)} password ${u.password.padEnd(16)} ${u.name}: ${what}`;
  });
}
