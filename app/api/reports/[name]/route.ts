import { toReadableStream } from "@/lib/csv";
import { getReport } from "@/lib/reports/catalog";
import type { RawReportOptions } from "@/lib/reports/define-report";
import { renderReport } from "@/lib/reports/render-report";
import { withErrorHandling } from "../../_lib/with-error-handling";

type Context = { params: Promise<{ name: string }> };

/** GET /api/reports/NAME.csv?option=value: the same bytes as `npm run report -- NAME --option value`. */
export const GET = withErrorHandling(async (request: Request, { params }: Context) => {
  const { name: fileName } = await params;
  const name = fileName.replace(/\.csv$/, "");
  const report = getReport(name);
  const raw: RawReportOptions = Object.fromEntries(new URL(request.url).searchParams);
  // Renders lazily, but options are validated now: a bad one is a 422, never a half-written file.
  const body = toReadableStream(renderReport(report, raw));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${report.name}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
