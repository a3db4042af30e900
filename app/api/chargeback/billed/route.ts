import { requestActor } from "@/lib/audit/server/request-actor";
import { importFocusBill } from "@/lib/chargeback/server/import-focus";
import { decodeUpload } from "@/lib/in-use/decode-upload";
import { parseAllowEmpty } from "../../_lib/allow-empty";
import { CSV_TYPE, requireContentType } from "../../_lib/content-type";
import { readBodyBytes, UPLOAD_BODY_LIMIT_BYTES } from "../../_lib/read-body";
import { guardedRoute } from "../../_lib/guarded-route";

/**
 * POST /api/chargeback/billed?month=YYYY-MM with a FOCUS cost export as the body (Content-Type
 * text/csv, else 415): replaces the month's billed amounts of the registries the file matches
 * (month omitted: the file's BillingPeriodStart). 201 with FocusImportResult; 422 naming the
 * missing column or bad row, a billing period other than the month, or a file matching no
 * registry in the month (unless `&allowEmpty=true`, which removes the month's billed amounts);
 * 413 past 64 MiB. A refused file changes nothing.
 */
export const POST = guardedRoute({ action: "import-bills" }, async (request: Request, _context, auth) => {
  requireContentType(request, [CSV_TYPE]);
  const url = new URL(request.url);
  const month = url.searchParams.get("month") ?? undefined;
  const allowEmpty = parseAllowEmpty(url);
  const bytes = await readBodyBytes(request, UPLOAD_BODY_LIMIT_BYTES);
  const result = await importFocusBill(
    { text: decodeUpload(bytes), month: month?.trim() === "" ? undefined : month, allowEmpty },
    requestActor(auth),
  );
  return Response.json(result, { status: 201 });
});
