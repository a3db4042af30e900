/**
 * Every API route is built here: a write from another origin is refused (./same-origin.ts), then
 * the one scope check (lib/auth/server/authorize.ts) runs before the handler, which receives who
 * is calling and what they may see; failures become answers through withErrorHandling. The need
 * is kept on the handler so the route matrix test can list every route's need and fail on a
 * route built without one.
 */
import { authorizeRequest, type Authorized } from "@/lib/auth/server/authorize";
import type { Need } from "@/lib/auth/access";
import { assertSameOrigin } from "./same-origin";
import { withErrorHandling } from "./with-error-handling";

/** Open to anyone who reaches the port: the load balancer's health probe, sign-in (GET /api/auth/*), and a refused method's 405. */
export const PUBLIC = "public";
export type RouteNeed = Need | typeof PUBLIC;

export const ROUTE_NEED = Symbol.for("registry-ledger.route-need");

type Handler<Context> = (request: Request, context: Context, auth: Authorized | null) => Promise<Response>;
export type GuardedHandler<Context> = ((request?: Request, context?: Context) => Promise<Response>) & {
  [ROUTE_NEED]: RouteNeed;
};

export function guardedRoute<Context = unknown>(need: RouteNeed, handler: Handler<Context>): GuardedHandler<Context> {
  // Tests call handlers directly, without the request or context a handler never reads.
  const guarded = withErrorHandling(async (request: Request = new Request("http://localhost/"), context?: Context) => {
    assertSameOrigin(request);
    const auth = need === PUBLIC ? null : await authorizeRequest(request, need);
    return handler(request, context as Context, auth);
  });
  return Object.assign(guarded, { [ROUTE_NEED]: need });
}
