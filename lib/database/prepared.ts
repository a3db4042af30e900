/**
 * Named (prepared) statements for the sync's writes: PostgreSQL parses a named statement once per
 * connection and, after a few executions, keeps a generic plan, so a statement the daily sync
 * runs hundreds of times (once per registry and day in the demo's history) is not parsed and
 * planned again each time. Only for statements whose text is fixed by the code (values travel as
 * parameters): each distinct text is one statement held by every connection that ran it.
 * Behind a transaction-mode pooler (DATABASE_POOLER=transaction) statements run unnamed: the
 * pooler lends a different server connection to each transaction, and a statement named on one
 * is unknown to the next ("prepared statement ... does not exist").
 */
import { createHash } from "node:crypto";
import type { ClientBase, Pool, QueryResult, QueryResultRow } from "pg";
import { getEnv } from "../env";

/** Distinct texts named; past this, a text runs unnamed (a guard against text built from data). */
const MAX_NAMED = 500;
const names = new Map<string, string>();

export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `rl_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/** Runs `text` with `values` as a named statement of this connection (of whichever the pool lends). */
export function execute<R extends QueryResultRow = QueryResultRow>(
  client: ClientBase | Pool,
  text: string,
  values: unknown[],
): Promise<QueryResult<R>> {
  if (getEnv().databasePooler === "transaction") return client.query<R>({ text, values });
  return client.query<R>({ name: statementName(text), text, values });
}
