import "server-only";
import { getDb } from "@/lib/db";
import { syncErrorsSchema, syncProgressSchema, type SyncError, type SyncProgress } from "./sync-run-json";
import { toIso } from "../views";

export type SyncRunStatus = {
  id: number;
  status: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  progress: SyncProgress;
  errors: SyncError[];
  registryResults: {
    registryName: string;
    status: string;
    error: string | null;
    repositories: number;
    manifests: number;
    tags: number;
    startedAt: string;
    finishedAt: string | null;
  }[];
};

/** What /sync and GET /api/sync/status show: the running sync (if any) and the latest finished one. */
export type SyncStatus = { running: SyncRunStatus | null; latest: SyncRunStatus | null };

async function findRun(status: "running" | "finished"): Promise<SyncRunStatus | null> {
  const db = await getDb();
  const run = await db.syncRun.findFirst({
    where: status === "running" ? { status: "running" } : { status: { not: "running" } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    include: { registryResults: { orderBy: [{ registryName: "asc" }, { registryArmId: "asc" }] } },
  });
  if (!run) return null;
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: toIso(run.finishedAt),
    durationMs: run.durationMs,
    progress: syncProgressSchema.parse(run.progress),
    errors: syncErrorsSchema.parse(run.errors),
    registryResults: run.registryResults.map((r) => ({
      registryName: r.registryName,
      status: r.status,
      error: r.error,
      repositories: r.repositories,
      manifests: r.manifests,
      tags: r.tags,
      startedAt: r.startedAt.toISOString(),
      finishedAt: toIso(r.finishedAt),
    })),
  };
}

export async function getSyncStatus(): Promise<SyncStatus> {
  const [running, latest] = await Promise.all([findRun("running"), findRun("finished")]);
  return { running, latest };
}
