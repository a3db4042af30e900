/**
 * The scope check for pages and server actions: the same rule as the API routes, answered the
 * way a browser expects: 401 (sign-in) or 403 pages, rendered before anything streams.
 */
import "server-only";
import { headers } from "next/headers";
import { forbidden, unauthorized } from "next/navigation";
import { isLedgerError } from "@/lib/errors";
import type { Need } from "../access";
import { authorizeHeaders, type Authorized } from "./authorize";

export async function authorizePage(need: Need): Promise<Authorized> {
  try {
    return await authorizeHeaders(await headers(), need);
  } catch (error) {
    if (isLedgerError(error, "unauthenticated")) unauthorized();
    if (isLedgerError(error, "forbidden")) forbidden();
    throw error;
  }
}
