import { getEnv } from "@/lib/env";
import { LedgerError } from "@/lib/errors";
import { openGateSource } from "@/lib/image-size/server/gate-source";
import { runGate } from "@/lib/image-size/server/run-gate";
import { optionName, optionsFromParams } from "@/lib/validation";
import { guardedRoute } from "../_lib/guarded-route";

/**
 * GET /api/gate?image=<login-server>/<repository>:<tag>&maxGrowth=10%25&baseline=median:5
 * The size gate's verdict as JSON (the same as `npm run gate -- --json`): 200 with "verdict"
 * pass or fail; 400 without an image; 422 for a bad option or reference; 404 for an unknown
 * registry or tag; 503 when this server has no source to read images from (not started by
 * npm start). `max-growth` is accepted for `maxGrowth`, as on the report routes.
 */
export const GET = guardedRoute({ action: "gate" }, async (request: Request) => {
  const query = new URL(request.url).searchParams;
  const params = optionsFromParams(query);
  const image = params.image;
  if (!image?.trim()) {
    return Response.json(
      { error: "bad_request", message: "image is required: ?image=<login-server>/<repository>:<tag>" },
      { status: 400 },
    );
  }
  const unknown = [...query.keys()].find((k) => !["image", "maxGrowth", "baseline"].includes(optionName(k)));
  if (unknown) throw new LedgerError("validation", `Unknown parameter "${unknown}"; known: image, maxGrowth, baseline`);
  const source = await openGateSource(getEnv());
  if (!source)
    throw new LedgerError(
      "unavailable",
      "The size gate needs the simulator the launcher runs: start the app with npm start (or configure Azure)",
    );
  try {
    const verdict = await runGate({ image, maxGrowth: params.maxGrowth, baseline: params.baseline }, source);
    return Response.json(verdict, { headers: { "Cache-Control": "no-store" } });
  } finally {
    await source.close();
  }
});
