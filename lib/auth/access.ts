/**
 * The one rule of what an identity may see and do. Roles grant actions over the whole estate; an
 * identity without a role that grants reading sees the teams whose Entra groups it belongs to,
 * and only on the views that can be cut by team.
 */
import type { Identity } from "./identity";
import { rolesGrant, type Action } from "./roles";

export type TeamGroups = { name: string; entraGroupIds?: readonly string[] };

/** What a request may read: everything, or the named teams' share of it. */
export type Access = { kind: "all" } | { kind: "teams"; teams: string[] };

/** Whether the access reads this team's figures (chargeback lines, team pages). Pure: the sync's alerts use it too. */
export function teamInAccess(access: Access, team: string): boolean {
  return access.kind === "all" || access.teams.includes(team);
}

export type Need = {
  action: Action;
  /** A read that can be cut to a team's repositories (repositories, trends, stale, chargeback). */
  teamScoped?: boolean;
};

export type Decision = { ok: true; access: Access } | { ok: false; status: 403; reason: string };

export function teamsOf(identity: Identity, teams: readonly TeamGroups[]): string[] {
  const groups = new Set(identity.groups.map((g) => g.toLowerCase()));
  return teams.filter((t) => (t.entraGroupIds ?? []).some((id) => groups.has(id.toLowerCase()))).map((t) => t.name);
}

export function decide(identity: Identity, need: Need, teams: readonly TeamGroups[]): Decision {
  if (rolesGrant(identity.roles, need.action)) return { ok: true, access: { kind: "all" } };
  if (need.action === "read" && identity.roles.length === 0) {
    const mine = teamsOf(identity, teams);
    if (mine.length === 0) return { ok: false, status: 403, reason: "no Registry Ledger role and no team" };
    if (need.teamScoped) return { ok: true, access: { kind: "teams", teams: mine } };
    return { ok: false, status: 403, reason: "this view covers the whole estate; team members see their teams' views" };
  }
  return { ok: false, status: 403, reason: `your roles do not allow ${need.action}` };
}
