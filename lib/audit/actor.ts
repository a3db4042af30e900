/**
 * Who made a change, as the audit log keeps it: the identity that was authorized (a person, a
 * pipeline's token, the local user) or, for the CLIs that run on the server with database access,
 * the operating-system user. `mode` is the process's AUTH_MODE, so an event says how its actor was
 * trusted.
 */
import type { AuthMode, Identity } from "@/lib/auth/identity";

export type ActorVia = Identity["via"] | "cli";

export type Actor = {
  name: string;
  subject: string;
  roles: readonly string[];
  via: ActorVia;
  mode: AuthMode;
};

export function actorOfIdentity(identity: Identity, mode: AuthMode): Actor {
  return { name: identity.name, subject: identity.subject, roles: identity.roles, via: identity.via, mode };
}

/** The OS user running a CLI: it holds no role, it holds the database. */
export function cliActor(username: string, mode: AuthMode): Actor {
  return { name: username, subject: `os:${username}`, roles: [], via: "cli", mode };
}
