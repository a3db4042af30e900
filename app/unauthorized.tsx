import { SignInRedirect } from "@/components/auth/sign-in-redirect";
import { getEnv } from "@/lib/env";

export default function Unauthorized() {
  return (
    <div className="notice" data-testid="unauthorized">
      <h1>Sign-in required</h1>
      <p>Registry Ledger shows an organisation&apos;s registry costs: sign in with your work account to continue.</p>
      {getEnv().auth.mode === "oidc" && <SignInRedirect />}
    </div>
  );
}
