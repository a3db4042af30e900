import { getEffectivePolicyDocument, savePolicy } from "@/lib/stale/policy-store";
import { withErrorHandling } from "../../_lib/with-error-handling";

/** GET /api/stale/policy: the effective policy (stored, else the defaults) as a JSON download. */
export const GET = withErrorHandling(async () => {
  const effective = await getEffectivePolicyDocument();
  return new Response(effective.document, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="stale-policy.json"',
      "Cache-Control": "no-store",
      "X-Policy-Source": effective.source,
    },
  });
});

/** PUT (or POST) /api/stale/policy with the policy JSON as the body: validated, stored, echoed back; 422 names every bad field. */
const importPolicy = withErrorHandling(async (request: Request) => {
  const saved = await savePolicy(await request.text());
  return new Response(saved.document, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
});

export const PUT = importPolicy;
export const POST = importPolicy;
