import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { syncErrorsSchema } from "./sync-run-json";
import { pageSchema, parseInput } from "../validation";
import { toIso, toPage, type Page } from "../views";

const paramsSchema = z.object({
  page: pageSchema.catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(25).default(25),
});

export type SyncRunRow = {
  id: number;
  status: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  registries: number;
  repositories: number;
  manifests: number;
  tags: number;
  /** Data-plane requests sent to the registries, and the 429s among them. */
  requests: number;
  throttled: number;
  errorCount: number;
};

/** Sync history, newest first. */
export async function listSyncRuns(input: z.input<typeof paramsSchema> = {}): Promise<Page<SyncRunRow>> {
  const params = parseInput(paramsSchema, input);
  const db = await getDb();
  const [total, records] = await Promise.all([
    db.syncRun.count(),
    db.syncRun.findMany({
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
    }),
  ]);
  const rows = records.map((r) => ({
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    startedAt: r.startedAt.toISOString(),
    finishedAt: toIso(r.finishedAt),
    durationMs: r.durationMs,
    registries: r.registries,
    repositories: r.repositories,
    manifests: r.manifests,
    tags: r.tags,
    requests: r.requests,
    throttled: r.throttled,
    errorCount: syncErrorsSchema.parse(r.errors).length,
  }));
  return toPage(rows, total, params.page, params.pageSize);
}
