/** The actor of a change made by a CLI (import-billing, import-in-use): the OS user running it. */
import { userInfo } from "node:os";
import { getEnv } from "@/lib/env";
import { cliActor, type Actor } from "../actor";

function osUsername(): string {
  try {
    return userInfo().username;
  } catch {
    // A container user without a passwd entry has a uid and no name.
    return `uid ${process.getuid?.() ?? "unknown"}`;
  }
}

export function osActor(): Actor {
  return cliActor(osUsername(), getEnv().auth.mode);
}
