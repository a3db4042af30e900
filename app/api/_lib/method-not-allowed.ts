import { guardedRoute, PUBLIC } from "./guarded-route";

/**
 * A method a route refuses by name, answered 405 with the `Allow` header HTTP asks for (Next's own
 * 405 for a method a route does not export carries none). Public, like that 405: it reveals and
 * changes nothing; a cross-origin request still gets the same-origin check's 403 first.
 */
export function methodNotAllowed(allow: readonly string[]) {
  return guardedRoute(PUBLIC, async (request: Request) =>
    Response.json(
      { error: "method_not_allowed", message: `${request.method} is not accepted here; use ${allow.join(" or ")}` },
      { status: 405, headers: { Allow: allow.join(", ") } },
    ),
  );
}
