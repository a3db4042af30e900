"use client";

import { useEffect } from "react";

/** A page failed to render: say so plainly and offer a retry (the digest matches the server log). */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="notice" role="alert" data-testid="page-error">
      <h1>Something went wrong</h1>
      <p>{error.message || "The page could not be loaded."}</p>
      {error.digest ? <p className="muted small">Reference: {error.digest}</p> : null}
      <button type="button" onClick={() => reset()} data-testid="retry">
        Try again
      </button>
    </div>
  );
}
