import type { Actor } from "@/lib/audit/actor";
import { requestActor } from "@/lib/audit/server/request-actor";
import { readJsonBodyText } from "./read-body";
import type { Need } from "@/lib/auth/access";
import { guardedRoute } from "./guarded-route";

type StoredDocument = { document: string };

/**
 * The two routes of an installation-wide JSON document (the stale policy, the chargeback config):
 * GET downloads the document in effect, with where it came from in `sourceHeader`; PUT takes a
 * new one as the body (application/json, else 415; 413 past 1 MiB), which `save` validates (422
 * naming every bad field) and stores, and echoes it back in canonical form.
 */
export function jsonDocumentRoutes(options: {
  load: () => Promise<StoredDocument & { source: string }>;
  /** Stores the document and records who saved it (the audit log). */
  save: (text: string, actor: Actor) => Promise<StoredDocument>;
  fileName: string;
  sourceHeader: string;
  /** Who may download the document, and who may replace it. */
  read: Need;
  write: Need;
}) {
  const GET = guardedRoute(options.read, async () => {
    const current = await options.load();
    return new Response(current.document, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${options.fileName}"`,
        "Cache-Control": "no-store",
        [options.sourceHeader]: current.source,
      },
    });
  });
  const save = guardedRoute(options.write, async (request: Request, _context, auth) => {
    const saved = await options.save(await readJsonBodyText(request), requestActor(auth));
    return new Response(saved.document, {
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
    });
  });
  return { GET, save };
}
