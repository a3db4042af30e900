/**
 * A registry's kept cleanup plan: its digest as the registry_derived row (lib/stale/plan-codec.ts)
 * and its items as cleanup_plan_items rows, written in ONE transaction; the rows carry the digest's
 * plan id, so items of a replaced plan are never read as the new one's. Reads go by position: a
 * page of items (one statement for all its segments), or a whole registry in reads of
 * KEPT_ITEMS_READ rows, so no read holds more than that. A read that finds fewer rows than the
 * digest promised means the plan was replaced meanwhile: KeptPlanChanged, and the caller reads again.
 * No "server-only" guard: the sync keeps plans from its CLI and workers too.
 */
import { randomUUID } from "node:crypto";
import { getDb, getPool } from "@/lib/db";
import { execute } from "@/lib/database/prepared";
import { storeDerived, type InventoryState } from "@/lib/database/registry-derived";
import type { PlanAction, PlanItem } from "@/lib/stale/decide";
import type { ReasonCode } from "@/lib/stale/reasons";
import { digestRegistryPlan, encodePlanDigest, type PlanDigest, type RegistryPlanBody } from "../plan-codec";
import type { ItemSegment, RunFilter } from "../plan-window";

/** Rows per insert: a few MB at most. */
export const KEPT_ITEMS_CHUNK = 5_000;
/**
 * Rows per streamed read, each read only once the one before is consumed: a read's rows must die
 * young. Rendered, a row allocates ~12 KB (csv-stringify most of it) and V8 collects the young
 * generation every ~15 MB, so a read of 1,000 rows or more (or one read ahead) often outlives two
 * collections and is promoted; the old generation then fills with the file's garbage until a full
 * collection, and the web process's peak RSS grew with the rows it served (docs/performance.md).
 */
export const KEPT_ITEMS_READ = 250;
/** A large registry's items (hundreds of thousands of rows) are written in one transaction. */
const STORE_TIMEOUT_MS = 600_000;

export class KeptPlanChanged extends Error {
  constructor(registry: string) {
    super(`the kept cleanup plan of ${registry} was replaced while it was read`);
  }
}

export type KeptRegistry = { id: number; name: string; digest: PlanDigest };

type ItemRow = {
  position: number;
  repository: string;
  digest: string;
  tags: string;
  action: PlanAction;
  reasonCode: ReasonCode;
  reasonIndex: number;
  lastUpdatedAt: Date | null;
  /** A streamed read takes it as text (the pool's int8 is text; Prisma's is a bigint). */
  sizeBytes: bigint | string;
};

/** Stores the plan computed from `state` under `key`: digest and items, or nothing once the registry moved on. */
export async function storeKeptPlan(
  state: InventoryState,
  key: string,
  plan: RegistryPlanBody,
): Promise<{ stored: boolean; digest: PlanDigest }> {
  const { digest, reasonIndexes } = digestRegistryPlan(plan, randomUUID());
  const db = await getDb();
  const stored = await db.$transaction(
    async (tx) => {
      if (!(await storeDerived("cleanup-plan", state, key, encodePlanDigest(digest), tx))) return false;
      await tx.$executeRaw`DELETE FROM cleanup_plan_items WHERE registry_id = ${state.registryId}`;
      for (let from = 0; from < plan.items.length; from += KEPT_ITEMS_CHUNK) {
        const chunk = plan.items.slice(from, from + KEPT_ITEMS_CHUNK);
        await tx.$executeRaw`
          INSERT INTO cleanup_plan_items (registry_id, position, plan_id, repository, digest, tags, action,
                                          reason_code, reason_index, last_updated_at, size_bytes)
          SELECT ${state.registryId}, u.position, ${digest.planId}::uuid, u.repository, u.digest, u.tags, u.action,
                 u.reason_code, u.reason_index, u.last_updated_at, u.size_bytes
            FROM unnest(${chunk.map((_, i) => from + i)}::int[], ${chunk.map((i) => i.repository)}::text[],
                        ${chunk.map((i) => i.digest)}::text[], ${chunk.map((i) => JSON.stringify(i.tags))}::text[],
                        ${chunk.map((i) => i.action)}::text[], ${chunk.map((i) => i.reasonCode)}::text[],
                        ${reasonIndexes.slice(from, from + chunk.length)}::int[],
                        ${chunk.map((i) => i.lastUpdatedAt?.toISOString() ?? null)}::timestamptz[],
                        ${chunk.map((i) => i.sizeBytes.toString())}::bigint[])
              AS u(position, repository, digest, tags, action, reason_code, reason_index, last_updated_at, size_bytes)`;
      }
      return true;
    },
    { timeout: STORE_TIMEOUT_MS, maxWait: 30_000 },
  );
  return { stored, digest };
}

const toItem = (registry: KeptRegistry, row: ItemRow): PlanItem => ({
  registry: registry.name,
  repository: row.repository,
  digest: row.digest,
  tags: JSON.parse(row.tags) as string[],
  action: row.action,
  reason: registry.digest.reasons[row.reasonIndex],
  reasonCode: row.reasonCode,
  lastUpdatedAt: row.lastUpdatedAt,
  sizeBytes: BigInt(row.sizeBytes),
});

/** The segments' items (kept registries only), in segment order: one statement whatever their number. */
export async function readKeptSegments(
  segments: readonly ItemSegment<KeptRegistry>[],
  filter: RunFilter,
): Promise<PlanItem[][]> {
  if (segments.length === 0) return [];
  const db = await getDb();
  const rows = await db.$queryRaw<(ItemRow & { segment: number })[]>`
    SELECT s.segment, i.position, i.repository, i.digest, i.tags, i.action, i.reason_code AS "reasonCode",
           i.reason_index AS "reasonIndex", i.last_updated_at AS "lastUpdatedAt", i.size_bytes AS "sizeBytes"
      FROM unnest(${segments.map((_, i) => i)}::int[], ${segments.map((s) => s.source.id)}::int[],
                  ${segments.map((s) => s.source.digest.planId)}::uuid[], ${segments.map((s) => s.run.start)}::int[],
                  ${segments.map((s) => s.run.start + s.run.rows)}::int[], ${segments.map((s) => s.skip)}::int[],
                  ${segments.map((s) => s.take)}::int[])
           AS s(segment, registry_id, plan_id, from_position, to_position, skip, take)
     CROSS JOIN LATERAL (
       SELECT * FROM cleanup_plan_items i
        WHERE i.registry_id = s.registry_id AND i.position >= s.from_position AND i.position < s.to_position
          AND i.plan_id = s.plan_id
          AND (${filter.action ?? null}::text IS NULL OR i.action = ${filter.action ?? null}::text)
          AND (${filter.reason ?? null}::text IS NULL OR i.reason_code = ${filter.reason ?? null}::text)
        ORDER BY i.position OFFSET s.skip LIMIT s.take) i
     ORDER BY s.segment, i.position`;
  const read = segments.map((): PlanItem[] => []);
  for (const row of rows) read[row.segment].push(toItem(segments[row.segment].source, row));
  segments.forEach((segment, i) => {
    if (read[i].length !== segment.take) throw new KeptPlanChanged(segment.source.name);
  });
  return read;
}

/** A streamed read: by the pool rather than Prisma, whose result conversion holds several copies of each row. */
const READ_ITEMS = `
  SELECT position, repository, digest, tags, action, reason_code AS "reasonCode", reason_index AS "reasonIndex",
         last_updated_at AS "lastUpdatedAt", size_bytes::text AS "sizeBytes"
    FROM cleanup_plan_items
   WHERE registry_id = $1 AND position >= $2 AND position < $3 AND plan_id = $4::uuid
   ORDER BY position`;

/** The registry's kept items in plan order, KEPT_ITEMS_READ rows per read, read as the consumer asks. */
export async function* streamKeptItems(registry: KeptRegistry): AsyncGenerator<PlanItem[]> {
  const total = registry.digest.runs.reduce((n, run) => n + run.rows, 0);
  const pool = await getPool();
  for (let from = 0; from < total; from += KEPT_ITEMS_READ) {
    const values = [registry.id, from, from + KEPT_ITEMS_READ, registry.digest.planId];
    const { rows } = await execute<ItemRow>(pool, READ_ITEMS, values);
    if (rows.length !== Math.min(KEPT_ITEMS_READ, total - from)) throw new KeptPlanChanged(registry.name);
    yield rows.map((row) => toItem(registry, row));
  }
}

/** The registry's whole kept plan, for the callers that hold every item anyway (the script, a team's detail). */
export async function readKeptPlan(registry: KeptRegistry): Promise<RegistryPlanBody> {
  const items: PlanItem[] = [];
  for await (const chunk of streamKeptItems(registry)) for (const item of chunk) items.push(item);
  return { items, reclaimableBytes: registry.digest.reclaimableBytes };
}
