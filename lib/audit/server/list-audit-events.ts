/**
 * The audit log, newest first, filtered and paged: one query for the /audit page and the `audit`
 * report. `atMostId` pins a reading to the events that existed when it began, so a report paging
 * through the log while changes are made neither repeats nor skips an event.
 */
import { z } from "zod";
import { addDays, dayStart } from "@/lib/calendar";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput, pageSchema } from "@/lib/validation";
import { toPage, type Page } from "@/lib/views";
import { auditFilterSchema, type AuditFilter } from "../audit-filters";

export const listAuditEventsParamsSchema = z.intersection(
  auditFilterSchema,
  z.object({
    page: pageSchema.catch(1),
    pageSize: z.coerce.number().int().min(1).max(1000).catch(50).default(50),
  }),
);
export type ListAuditEventsParams = z.input<typeof listAuditEventsParamsSchema>;

export type AuditEventRow = {
  id: number;
  /** ISO 8601 UTC. */
  at: string;
  actor: string;
  actorSubject: string;
  roles: string[];
  via: string;
  mode: string;
  action: string;
  target: string;
  summary: string;
  before: string | null;
  after: string | null;
};

function auditWhere(filter: AuditFilter, atMostId: number | undefined): Prisma.AuditEventWhereInput {
  const contains = filter.actor && { contains: filter.actor, mode: "insensitive" as const };
  return {
    ...(atMostId === undefined ? {} : { id: { lte: atMostId } }),
    ...(contains ? { OR: [{ actor: contains }, { actorSubject: contains }] } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to
      ? {
          at: {
            ...(filter.from ? { gte: dayStart(filter.from) } : {}),
            ...(filter.to ? { lt: dayStart(addDays(filter.to, 1)) } : {}),
          },
        }
      : {}),
  };
}

export async function listAuditEvents(
  input: ListAuditEventsParams,
  options: { atMostId?: number } = {},
): Promise<Page<AuditEventRow>> {
  const params = parseInput(listAuditEventsParamsSchema, input);
  const where = auditWhere(params, options.atMostId);
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
    }),
  ]);
  return toPage(
    rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    total,
    params.page,
    params.pageSize,
  );
}

/** The newest event's id (0 with none): where a report's reading stops. */
export async function getLatestAuditEventId(): Promise<number> {
  const db = await getDb();
  const latest = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return latest?.id ?? 0;
}
