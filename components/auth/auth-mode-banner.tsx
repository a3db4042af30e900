import { getEnv, isLoopback } from "@/lib/env";

/** Says on every page who can reach it when nobody signs in. */
export function AuthModeBanner() {
  const { auth } = getEnv();
  if (auth.mode !== "none") return null;
  if (isLoopback(auth.host)) {
    return (
      <p className="mode-banner" role="status" data-testid="auth-mode-banner">
        Local mode: no sign-in, only this machine can connect.
      </p>
    );
  }
  return (
    <p className="mode-banner warning" role="alert" data-testid="auth-mode-banner">
      No sign-in, and listening on {auth.host}: anyone who reaches this port can read every team&apos;s costs and change
      the stale policy. Set AUTH_MODE to oidc or easyauth.
    </p>
  );
}
