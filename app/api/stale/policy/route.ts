import { getEffectivePolicyDocument, savePolicy } from "@/lib/stale/server/policy-store";
import { jsonDocumentRoutes } from "../../_lib/json-document-routes";
import { methodNotAllowed } from "../../_lib/method-not-allowed";

/**
 * GET /api/stale/policy: the effective policy (stored, else the defaults) as a JSON download.
 * PUT with the policy JSON as the body: validated, stored, echoed back; 422 names every bad field.
 */
const routes = jsonDocumentRoutes({
  load: getEffectivePolicyDocument,
  save: savePolicy,
  fileName: "stale-policy.json",
  read: { action: "read" },
  write: { action: "edit-policy" },
  sourceHeader: "X-Policy-Source",
});

export const GET = routes.GET;
export const PUT = routes.save;
/** Writes replace the document with PUT only: a POST (the verb a cross-site form can send) is 405. */
export const POST = methodNotAllowed(["GET", "PUT"]);
