/**
 * Writes one audit event inside the caller's transaction: the change and its event commit
 * together or not at all, so a crash can leave neither a change without its event nor an event
 * without its change. `at` is the transaction's start (PostgreSQL's now()), the same instant the
 * change's own timestamps carry.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction } from "../actions";
import type { Actor } from "../actor";

export type AuditTransaction = Prisma.TransactionClient;

export type AuditChange = {
  action: AuditAction;
  /** What changed: the month, the cluster, "teams document". */
  target: string;
  /** One line a person reads in the log. */
  summary: string;
  /** The documents as stored (their canonical JSON), or a JSON summary of what an import replaced. */
  before?: string | null;
  after?: string | null;
};

const SUMMARY_MAX_CHARS = 500;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > SUMMARY_MAX_CHARS ? `${line.slice(0, SUMMARY_MAX_CHARS - 1)}…` : line;
}

export async function recordAuditEvent(tx: AuditTransaction, actor: Actor, change: AuditChange): Promise<void> {
  // now() in SQL: Prisma would stamp a default on the client, not at the transaction's start.
  await tx.$executeRaw`
    INSERT INTO audit_events (at, actor, actor_subject, roles, via, mode, action, target, summary, before, after)
    VALUES (now(), ${actor.name}, ${actor.subject}, ${[...actor.roles]}::text[], ${actor.via}, ${actor.mode},
            ${change.action}, ${change.target}, ${oneLine(change.summary)}, ${change.before ?? null},
            ${change.after ?? null})`;
}
