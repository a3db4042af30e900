import { importFocusBill } from "@/lib/chargeback/import-focus";
import { decodeUpload } from "@/lib/in-use/decode-upload";
import { withErrorHandling } from "../../_lib/with-error-handling";
import { readBodyBytes } from "../../in-use/read-body";

const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * POST /api/chargeback/billed?month=YYYY-MM with a FOCUS cost export (CSV) as the body: replaces
 * the month's billed amounts per registry (month omitted: the file's BillingPeriodStart). 201 with
 * FocusImportResult; 422 naming the missing column or bad row; 413 past 100 MB.
 */
export const POST = withErrorHandling(async (request: Request) => {
  const month = new URL(request.url).searchParams.get("month") ?? undefined;
  const bytes = await readBodyBytes(request, MAX_UPLOAD_BYTES);
  if (bytes === null) {
    return Response.json({ error: "too_large", message: `The upload is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` }, { status: 413 });
  }
  const result = await importFocusBill({ text: decodeUpload(bytes), month: month?.trim() === "" ? undefined : month });
  return Response.json(result, { status: 201 });
});
