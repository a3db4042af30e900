import { getChargebackConfig, saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import { jsonDocumentRoutes } from "../../_lib/json-document-routes";
import { methodNotAllowed } from "../../_lib/method-not-allowed";

/**
 * GET /api/chargeback/config: the config in effect (stored, else the empty one) as a JSON download.
 * PUT with the JSON document as the body: validated, stored and echoed back (canonical
 * JSON). 422 `{error:"validation", message, issues}`: one issue `{path, message}` per bad field
 * (path "rules.1.team"; "" for the document as a whole, e.g. not JSON); the message lists them too.
 */
const routes = jsonDocumentRoutes({
  load: getChargebackConfig,
  save: saveChargebackConfig,
  fileName: "chargeback-config.json",
  read: { action: "read" },
  write: { action: "edit-chargeback" },
  sourceHeader: "X-Config-Source",
});

export const GET = routes.GET;
export const PUT = routes.save;
/** Writes replace the document with PUT only: a POST (the verb a cross-site form can send) is 405. */
export const POST = methodNotAllowed(["GET", "PUT"]);
