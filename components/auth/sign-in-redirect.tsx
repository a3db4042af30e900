"use client";

import { useEffect } from "react";

/**
 * With AUTH_MODE=oidc a page without a session goes on to the issuer's sign-in, coming back to
 * the page it asked for (the server renders this without knowing the page's path). The link is
 * the same way for a browser without JavaScript.
 */
export function SignInRedirect() {
  useEffect(() => {
    const returnTo = `${window.location.pathname}${window.location.search}`;
    window.location.replace(`/api/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  }, []);
  return (
    <p>
      <a href="/api/auth/sign-in" data-testid="sign-in">
        Sign in
      </a>
    </p>
  );
}
