import { describeError, LedgerError } from "@/lib/errors";
import { previewOwnership } from "@/lib/queries/chargeback/preview-ownership";
import { withErrorHandling } from "../../_lib/with-error-handling";

/**
 * POST /api/chargeback/preview with a draft config JSON as the body: what each rule would own in
 * the current inventory (OwnershipPreview). 422 names every bad field, as saving would.
 */
export const POST = withErrorHandling(async (request: Request) => {
  let draft: unknown;
  try {
    draft = JSON.parse(await request.text());
  } catch (error) {
    throw new LedgerError("validation", `Invalid chargeback config:\n  (config): is not valid JSON: ${describeError(error)}`);
  }
  return Response.json(await previewOwnership(draft), { headers: { "Cache-Control": "no-store" } });
});
