/**
 * A fingerprint of everything a registry's chargeback month reads from the database, per registry,
 * in one statement: the registry's row (name, ARM id, login server, tags, removal, SKU, location,
 * subscription, resource group), its snapshots over the month's covered days plus the one carried
 * into it, and the task runs the month counts (with their task's CPU count). The repositories'
 * snapshots of a day are written in one statement with their registry's snapshot of that day and
 * its captured_at (lib/sync/update-storage.ts writeSnapshots), so a day's captured_at stands for its
 * repository rows, except on the window's latest day: every sync of the day writes that one again
 * (a new captured_at, often the same rows), so its repository rows are hashed instead (one day of
 * one registry, order-free), and a sync that changed nothing leaves the key as it was. Registries
 * in the order the cost model lists them (name, then id).
 * No "server-only" guard: the sync keeps months from its CLI and workers too.
 */
import { getDb } from "@/lib/db";
import { firstDayOf, lastDayOf } from "@/lib/calendar";
import { Prisma } from "@/lib/generated/prisma/client";

export type MonthInputs = { registryId: number; name: string; inputs: string };

const SNAPSHOT = Prisma.sql`(s.day, s.sku_name, s.location, s.replica_count, s.stored_bytes, s.reported_usage_bytes)::text`;

/** Σ of 64-bit hashes of a day's repository rows, and their count: order-free, so no sort. */
const DAY_ROWS = Prisma.sql`(SELECT count(*) || ':' || coalesce(sum(hashtextextended(p.repository_name || ':' || p.attributed_bytes, 0)::numeric), 0)
   FROM repository_snapshots p WHERE p.registry_id = s.registry_id AND p.day = s.day)`;

/** `until`: the month's covered end (coveredUntil). `registryIds` narrows the list. */
export async function listMonthInputs(
  month: string,
  until: string,
  registryIds?: readonly number[],
): Promise<MonthInputs[]> {
  const from = firstDayOf(month);
  const db = await getDb();
  const only = registryIds === undefined ? Prisma.empty : Prisma.sql`WHERE g.id = ANY(${[...registryIds]}::int[])`;
  return db.$queryRaw<MonthInputs[]>`
    SELECT g.id AS "registryId", g.name,
      md5(concat_ws('|',
        (g.name, g.arm_id, g.login_server, g.tags, g.removed_at, g.sku_name, g.location, g.subscription_id, g.resource_group)::text,
        (SELECT string_agg(${SNAPSHOT} || CASE WHEN s.day = w.latest THEN ${DAY_ROWS} ELSE s.captured_at::text END,
                           ';' ORDER BY s.day)
           FROM registry_snapshots s,
                (SELECT max(day) AS latest FROM registry_snapshots
                  WHERE registry_id = g.id AND day BETWEEN ${from}::date AND ${until}::date) w
          WHERE s.registry_id = g.id AND s.day BETWEEN ${from}::date AND ${until}::date),
        (SELECT ${SNAPSHOT} || s.captured_at::text FROM registry_snapshots s
          WHERE s.registry_id = g.id AND s.day < ${from}::date ORDER BY s.day DESC LIMIT 1),
        (SELECT string_agg((r.run_id, r.started_at, r.finished_at, COALESCE(r.cpu, t.cpu), r.output_images)::text, ';' ORDER BY r.run_id)
           FROM task_runs r LEFT JOIN tasks t ON t.registry_id = r.registry_id AND t.name = r.task_name
          WHERE r.registry_id = g.id AND r.started_at IS NOT NULL
            AND r.finished_at >= ${from}::date AND r.finished_at < (${lastDayOf(month)}::date + 1)))) AS inputs
    FROM registries g ${only}
    ORDER BY g.name, g.id`;
}
