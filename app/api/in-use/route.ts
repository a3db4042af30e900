import type { InUseFormat } from "@/lib/in-use/parse";
import { LedgerError } from "@/lib/errors";
import { decodeUpload } from "@/lib/in-use/decode-upload";
import { importInUseImages } from "@/lib/in-use/server/import-in-use";
import { listInUseImports } from "@/lib/in-use/server/list-in-use-imports";
import { parseAllowEmpty } from "../_lib/allow-empty";
import { readBodyBytes, UPLOAD_BODY_LIMIT_BYTES } from "../_lib/read-body";
import { guardedRoute } from "../_lib/guarded-route";

function formatOf(contentType: string | null): InUseFormat | undefined {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  // Anything else is sniffed: fetch() labels a string body text/plain and curl labels files as
  // form data, while no image reference can start with "{" or "[".
  return undefined;
}

/**
 * POST /api/in-use?cluster=NAME with the JSON of `kubectl get pods -A -o json` or a list of image
 * references (one a line): replaces the cluster's in-use images. 201 with the counts; 422 naming
 * what was wrong, or an upload without any image reference unless `&allowEmpty=true`; 413 past
 * 64 MiB. A refused upload leaves the cluster's previous import as it was.
 */
export const POST = guardedRoute({ action: "import-in-use" }, async (request: Request) => {
  const url = new URL(request.url);
  const cluster = url.searchParams.get("cluster");
  if (!cluster?.trim()) throw new LedgerError("validation", "cluster: the query parameter ?cluster=NAME is required");
  const allowEmpty = parseAllowEmpty(url);
  const bytes = await readBodyBytes(request, UPLOAD_BODY_LIMIT_BYTES);
  const format = formatOf(request.headers.get("content-type"));
  const result = await importInUseImages({ cluster, body: decodeUpload(bytes), format, allowEmpty });
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
