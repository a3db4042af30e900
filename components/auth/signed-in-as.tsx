import { headers } from "next/headers";
import { identityFromHeaders } from "@/lib/auth/server/authorize";
import { getEnv } from "@/lib/env";

/** Who is signed in, and the way out (oidc mode; Easy Auth signs out at /.auth/logout). */
export async function SignedInAs() {
  const { auth } = getEnv();
  if (auth.mode === "none") return null;
  const identity = await identityFromHeaders(await headers()).catch(() => null);
  if (!identity || identity.via === "bearer") return null;
  const signOut = auth.mode === "oidc" ? "/api/auth/sign-out" : "/.auth/logout";
  return (
    <p className="signed-in" data-testid="signed-in">
      <span>{identity.name}</span>
      {/* A plain link, never prefetched: following it signs out. */}
      <a href={signOut} data-testid="sign-out">
        Sign out
      </a>
    </p>
  );
}
