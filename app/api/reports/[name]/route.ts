import { currentUtcDay } from "@/lib/calendar";
import { toReadableStream } from "@/lib/csv";
import { getReport } from "@/lib/reports/catalog";
import type { RawReportOptions } from "@/lib/reports/define-report";
import { renderReport } from "@/lib/reports/render-report";
import { requireReportNeed } from "@/lib/reports/report-need";
import { optionsFromParams } from "@/lib/validation";
import { guardedRoute } from "../../_lib/guarded-route";

type Context = { params: Promise<{ name: string }> };

/**
 * GET /api/reports/NAME.csv?option=value: the same bytes as `npm run report -- NAME --option value`.
 * `?format=...` picks another format a report offers (content type and file extension follow it).
 * A team member reaches the team-scoped reports, cut to its teams; the others answer it 403.
 */
export const GET = guardedRoute(
  { action: "read", teamScoped: true },
  async (request: Request, { params }: Context, auth) => {
    const { name: fileName } = await params;
    const name = fileName.replace(/\.csv$/, "");
    const report = getReport(name);
    requireReportNeed(report, auth!.identity);
    const raw: RawReportOptions = optionsFromParams(new URL(request.url).searchParams);
    // Renders lazily, but options are validated and the report prepared now: a bad one is a 422,
    // never a half-written file.
    const output = await renderReport(report, raw, auth!.access);
    const body = toReadableStream(output.chunks);
    const stamp = currentUtcDay();
    return new Response(body, {
      headers: {
        "Content-Type": output.contentType,
        "Content-Disposition": `attachment; filename="${report.name}-${stamp}.${output.extension}"`,
        "Cache-Control": "no-store",
        ...output.headers,
      },
    });
  },
);
