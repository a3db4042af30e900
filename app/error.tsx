"use client";

import { useEffect } from "react";

/**
 * A page failed to render: say so plainly and offer a retry (the digest matches the server log).
 * `retry` (Next 16.3+) re-fetches the server components; `reset` would only re-render stale data.
 */
export default function PageError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="notice" role="alert" data-testid="page-error">
      <h1>Something went wrong</h1>
      <p>{error.message || "The page could not be loaded."}</p>
      {error.digest ? <p className="muted small">Reference: {error.digest}</p> : null}
      <button type="button" onClick={() => retry()} data-testid="retry">
        Try again
      </button>
    </div>
  );
}
