import "server-only";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "./current-registries";
import { bytesToNumber, toIso } from "../../views";

export type EstateOverview = {
  registryCount: number;
  repositoryCount: number;
  manifestCount: number;
  tagCount: number;
  logicalBytes: number;
  storedBytes: number;
  lastSync: { id: number; status: string; startedAt: string; finishedAt: string | null } | null;
};

/** Estate totals from the per-registry totals the sync stored; current inventory only. */
export async function getEstateOverview(): Promise<EstateOverview> {
  const db = await getDb();
  const [totals, lastRun] = await Promise.all([
    db.registry.aggregate({
      where: CURRENT_REGISTRY,
      _count: { _all: true },
      _sum: { repositoryCount: true, manifestCount: true, tagCount: true, logicalBytes: true, storedBytes: true },
    }),
    db.syncRun.findFirst({
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      select: { id: true, status: true, startedAt: true, finishedAt: true },
    }),
  ]);
  return {
    registryCount: totals._count._all,
    repositoryCount: totals._sum.repositoryCount ?? 0,
    manifestCount: totals._sum.manifestCount ?? 0,
    tagCount: totals._sum.tagCount ?? 0,
    logicalBytes: bytesToNumber(totals._sum.logicalBytes ?? 0n),
    storedBytes: bytesToNumber(totals._sum.storedBytes ?? 0n),
    lastSync: lastRun
      ? {
          id: lastRun.id,
          status: lastRun.status,
          startedAt: lastRun.startedAt.toISOString(),
          finishedAt: toIso(lastRun.finishedAt),
        }
      : null,
  };
}
