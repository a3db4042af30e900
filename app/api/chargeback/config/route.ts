import { getChargebackConfig, saveChargebackConfig } from "@/lib/chargeback/config-store";
import { withErrorHandling } from "../../_lib/with-error-handling";

/** GET /api/chargeback/config: the config in effect (stored, else the empty one) as a JSON download. */
export const GET = withErrorHandling(async () => {
  const current = await getChargebackConfig();
  return new Response(current.document, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="chargeback-config.json"',
      "Cache-Control": "no-store",
      "X-Config-Source": current.source,
    },
  });
});

/**
 * PUT (or POST) /api/chargeback/config with the JSON document as the body: validated, stored and
 * echoed back (canonical JSON). 422 `{error:"validation", message}`: the message's lines after the first
 * name each bad field ("rules[1].team: ..."); listConfigProblems(message) splits them.
 */
const importConfig = withErrorHandling(async (request: Request) => {
  const saved = await saveChargebackConfig(await request.text());
  return new Response(saved.document, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
});

export const PUT = importConfig;
export const POST = importConfig;
