/** The actor of a change made through a route or a server action: the authorized identity. */
import "server-only";
import type { Authorized } from "@/lib/auth/server/authorize";
import { getEnv } from "@/lib/env";
import { LedgerError } from "@/lib/errors";
import { actorOfIdentity, type Actor } from "../actor";

export function requestActor(auth: Authorized | null): Actor {
  // Only the public health probe runs without an authorization, and it changes nothing.
  if (auth === null) throw new LedgerError("internal", "a change needs an authorized caller");
  return actorOfIdentity(auth.identity, getEnv().auth.mode);
}
