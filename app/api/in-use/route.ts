import type { InUseFormat } from "@/lib/in-use/parse";
import { LedgerError } from "@/lib/errors";
import { decodeUpload } from "@/lib/in-use/decode-upload";
import { requestActor } from "@/lib/audit/server/request-actor";
import { importInUseImages } from "@/lib/in-use/server/import-in-use";
import { listInUseImports } from "@/lib/in-use/server/list-in-use-imports";
import { parseAllowEmpty } from "../_lib/allow-empty";
import { BYTES_TYPE, JSON_TYPE, requireContentType } from "../_lib/content-type";
import { readBodyBytes, UPLOAD_BODY_LIMIT_BYTES } from "../_lib/read-body";
import { guardedRoute } from "../_lib/guarded-route";

/**
 * application/json is read as kubectl's JSON; a file sent as application/octet-stream is sniffed
 * (no image reference can start with "{" or "["), so either kind of file can be posted as it is.
 */
const FORMAT_BY_TYPE: Record<string, InUseFormat | undefined> = { [JSON_TYPE]: "json", [BYTES_TYPE]: undefined };

/**
 * POST /api/in-use?cluster=NAME with the JSON of `kubectl get pods -A -o json` (Content-Type
 * application/json) or either file as application/octet-stream (a list of image references, one a
 * line, or the JSON; 415 for any other type): replaces the cluster's in-use images. 201 with the
 * counts; 422 naming what was wrong, or an upload without any image reference unless
 * `&allowEmpty=true`; 413 past 64 MiB. A refused upload leaves the cluster's previous import as
 * it was.
 */
export const POST = guardedRoute({ action: "import-in-use" }, async (request: Request, _context, auth) => {
  const format = FORMAT_BY_TYPE[requireContentType(request, Object.keys(FORMAT_BY_TYPE))];
  const url = new URL(request.url);
  const cluster = url.searchParams.get("cluster");
  if (!cluster?.trim()) throw new LedgerError("validation", "cluster: the query parameter ?cluster=NAME is required");
  const allowEmpty = parseAllowEmpty(url);
  const bytes = await readBodyBytes(request, UPLOAD_BODY_LIMIT_BYTES);
  const result = await importInUseImages(
    { cluster, body: decodeUpload(bytes), format, allowEmpty },
    requestActor(auth),
  );
  return Response.json(
    {
      cluster: result.cluster,
      importedAt: result.importedAt.toISOString(),
      sourceKind: result.sourceKind,
      images: result.images,
      references: result.references,
      acrReferences: result.acrReferences,
      replaced: result.replaced,
    },
    { status: 201 },
  );
});

/**
 * GET /api/in-use: every in-use import, uploaded or synced from Azure (Container Apps, App Service),
 * newest first: `{imports: [{name, sourceKind, subscriptionId, importedAt, images, references,
 * inventoryReferences, digests, resources}]}`.
 */
export const GET = guardedRoute({ action: "read" }, async () => {
  const imports = await listInUseImports();
  return Response.json({ imports: imports.map((i) => ({ ...i, importedAt: i.importedAt.toISOString() })) });
});
