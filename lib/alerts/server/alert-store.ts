/**
 * Alerts raised and listed. Raising is idempotent by key: an alert already raised (for that team,
 * month and threshold, or that jump) is never raised again, whoever evaluates and however often,
 * so each is listed and delivered once.
 */
import type { Pool, PoolClient } from "pg";
import type { AlertPayload } from "../alert";

type Queryable = Pool | PoolClient;

export type RaisedAlert = { key: string; kind: AlertPayload["kind"]; team: string | null; month: string };

/** Inserts the alerts not raised before; returns those (the new ones only). */
export async function raiseAlerts(db: Queryable, payloads: readonly AlertPayload[]): Promise<RaisedAlert[]> {
  if (payloads.length === 0) return [];
  const { rows } = await db.query<RaisedAlert>(
    `INSERT INTO alerts (kind, key, team, month, payload)
     SELECT p->>'kind', p->>'id', p->>'team', p->>'month', p
     FROM jsonb_array_elements($1::jsonb) AS p
     ON CONFLICT (key) DO NOTHING
     RETURNING key, kind, team, month`,
    [JSON.stringify(payloads)],
  );
  return rows;
}

export type ListedAlert = {
  key: string;
  kind: AlertPayload["kind"];
  team: string | null;
  month: string;
  payload: AlertPayload;
  raisedAt: string;
  deliveredAt: string | null;
  attempts: number;
  lastError: string | null;
};

/** The alerts of a month (newest first), optionally only those of some teams. */
export async function listAlerts(
  db: Queryable,
  options: { month?: string; teams?: readonly string[]; limit?: number } = {},
): Promise<ListedAlert[]> {
  const { rows } = await db.query<ListedAlert>(
    `SELECT key, kind, team, month, payload, to_char(raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "raisedAt",
            to_char(delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "deliveredAt",
            attempts, last_error AS "lastError"
     FROM alerts
     WHERE ($1::text IS NULL OR month = $1) AND ($2::text[] IS NULL OR team = ANY($2))
     ORDER BY raised_at DESC, id DESC
     LIMIT $3`,
    [options.month ?? null, options.teams ? [...options.teams] : null, options.limit ?? 500],
  );
  return rows;
}
