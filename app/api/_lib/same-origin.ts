/**
 * Writes only from our own pages. A browser sends `Origin` on every cross-origin request and on
 * same-origin POST/PUT, and `Sec-Fetch-Site` on all of them; a page elsewhere that makes an
 * employee's browser post to us (riding their cookies or Easy Auth session) is refused here,
 * before anything is read or stored. A request without `Origin` (curl, pipelines, the CLIs)
 * carries no browser credentials it did not choose to send, so it passes this check.
 */
import { getEnv } from "@/lib/env";
import { LedgerError } from "@/lib/errors";

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A proxy chain lists one value per hop; the first is what the browser spoke to. */
function firstHop(value: string | null): string | undefined {
  const first = value?.split(",")[0]?.trim();
  return first ? first : undefined;
}

/**
 * The origin browsers reach us at: AUTH_URL's when set, else the one this request was addressed
 * to (the proxy's X-Forwarded-Host and -Proto, else Host and the URL's scheme). Null when the
 * headers do not make an origin (then no Origin can match it).
 */
export function ownOrigin(request: Request, publicUrl: string | undefined): string | null {
  if (publicUrl) return new URL(publicUrl).origin;
  const url = new URL(request.url);
  const host = firstHop(request.headers.get("x-forwarded-host")) ?? request.headers.get("host") ?? url.host;
  const proto = firstHop(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  try {
    // URL lower-cases the host and drops a default port, as browsers do when they write Origin.
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}

/** A LedgerError "forbidden" (403) for a write sent by a browser from any origin but ours. */
export function assertSameOrigin(request: Request): void {
  if (READ_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  const refused = isCrossSite(request) || (origin !== null && origin !== ownOrigin(request, getEnv().auth.publicUrl));
  if (refused) throw new LedgerError("forbidden", "cross-origin request refused");
}
