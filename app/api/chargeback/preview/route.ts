import { parseChargebackConfigJson } from "@/lib/chargeback/config";
import { previewOwnership } from "@/lib/chargeback/server/preview-ownership";
import { readJsonBodyText } from "../../_lib/read-body";
import { guardedRoute } from "../../_lib/guarded-route";

/**
 * POST /api/chargeback/preview with a draft config JSON as the body (application/json, else 415):
 * what each rule would own in the current inventory (OwnershipPreview). 422 names every bad field,
 * as saving would; 413 past 1 MiB.
 */
export const POST = guardedRoute({ action: "edit-chargeback" }, async (request: Request) => {
  const draft = parseChargebackConfigJson(await readJsonBodyText(request));
  return Response.json(await previewOwnership(draft), { headers: { "Cache-Control": "no-store" } });
});
