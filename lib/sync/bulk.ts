/**
 * Batched writes: one INSERT … SELECT FROM unnest(…) per chunk, each column sent as one typed
 * array parameter. Thousands of rows per round trip, idempotent through ON CONFLICT clauses.
 */
import type { PoolClient, QueryResultRow } from "pg";
import { execute } from "../database/prepared";

export type Column<Row> = {
  name: string;
  /** Postgres type of one element of the parameter array (bigint travels as text, cast here). */
  type: string;
  value: (row: Row) => unknown;
  /** SQL turning the unnested element `u.cN` into the column value, e.g. for text[] sent as JSON. */
  select?: (ref: string) => string;
};

const CHUNK_ROWS = 20_000;

export async function insertRows<Row>(
  client: PoolClient,
  table: string,
  columns: Column<Row>[],
  rows: Row[],
  onConflict = "",
): Promise<number> {
  return (await writeRows(client, { table, columns, rows, onConflict })).count;
}

/**
 * One table's rows: `joined` adds columns computed by SQL from tables joined to the unnested rows,
 * e.g. `{ join: (u) => \`LEFT JOIN t ON t.k = ${u("digest")}\`, columns: { x: "t.x" } }`.
 */
export type Insert<Row> = {
  table: string;
  columns: Column<Row>[];
  rows: Row[];
  onConflict?: string;
  joined?: { join: (column: (name: string) => string) => string; columns: Record<string, string> };
};

export const insert = <Row>(table: string, columns: Column<Row>[], rows: Row[], onConflict = ""): Insert<Row> => ({
  table,
  columns,
  rows,
  onConflict,
});

/** The rows in chunks of one statement each: how many were written, and what `returning` names of them. */
export async function writeRows<Row, Out extends QueryResultRow = QueryResultRow>(
  client: PoolClient,
  i: Insert<Row>,
  returning?: string,
): Promise<{ count: number; rows: Out[] }> {
  const sql = `${insertStatement(i, 0)}${returning ? ` RETURNING ${returning}` : ""}`;
  const written = { count: 0, rows: [] as Out[] };
  for (let start = 0; start < i.rows.length; start += CHUNK_ROWS) {
    const result = await execute<Out>(client, sql, parameters(i.columns, i.rows.slice(start, start + CHUNK_ROWS)));
    written.count += result.rowCount ?? 0;
    if (returning) written.rows.push(...result.rows);
  }
  return written;
}

/**
 * Deletes the rows of `table` whose key columns match one of `keys` (one statement per chunk):
 * the same typed arrays as the inserts, so a difference is applied one way, in and out.
 */
export async function deleteRows<Key>(
  client: PoolClient,
  table: string,
  columns: Column<Key>[],
  keys: Key[],
): Promise<void> {
  const aliases = columns.map((_, n) => `c${n}`);
  const unnest = columns.map((c, n) => `$${n + 1}::${c.type}[]`).join(", ");
  const match = columns.map((c, n) => `x."${c.name}" = u.${aliases[n]}`).join(" AND ");
  const sql = `DELETE FROM "${table}" x USING unnest(${unnest}) AS u(${aliases.join(", ")}) WHERE ${match}`;
  for (let start = 0; start < keys.length; start += CHUNK_ROWS) {
    await execute(client, sql, parameters(columns, keys.slice(start, start + CHUNK_ROWS)));
  }
}

/**
 * Several tables' rows in one statement (each table's INSERT a data-modifying WITH clause): one
 * round trip (and, outside a transaction, one commit) instead of one per table. Foreign keys are
 * checked at the end of the statement, so a table may refer to rows another part inserts. A
 * larger set goes on its own, in chunks, in its place in the order: the parts before it first.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each insert keeps its own row type
export async function insertTogether(client: PoolClient, inserts: Insert<any>[]): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  let group: Insert<any>[] = [];
  for (const i of inserts) {
    if (i.rows.length <= CHUNK_ROWS) {
      if (i.rows.length > 0) group.push(i);
      continue;
    }
    await insertGroup(client, group);
    group = [];
    await insertRows(client, i.table, i.columns, i.rows, i.onConflict);
  }
  await insertGroup(client, group);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each insert keeps its own row type
async function insertGroup(client: PoolClient, together: Insert<any>[]): Promise<void> {
  if (together.length === 0) return;
  let offset = 0;
  const statements = together.map((i) => {
    const sql = insertStatement(i, offset);
    offset += i.columns.length;
    return sql;
  });
  const last = statements.pop()!;
  const sql = statements.length === 0 ? last : `WITH ${statements.map((s, n) => `i${n} AS (${s})`).join(", ")} ${last}`;
  await execute(
    client,
    sql,
    together.flatMap((i) => parameters(i.columns, i.rows)),
  );
}

function insertStatement<Row>(i: Insert<Row>, offset: number): string {
  const computed = Object.entries(i.joined?.columns ?? {});
  const names = [...i.columns.map((c) => c.name), ...computed.map(([name]) => name)].map((n) => `"${n}"`).join(", ");
  const aliases = i.columns.map((_, n) => `c${n}`);
  const unnest = i.columns.map((c, n) => `$${offset + n + 1}::${c.type}[]`).join(", ");
  const select = [
    ...i.columns.map((c, n) => (c.select ? c.select(`u.${aliases[n]}`) : `u.${aliases[n]}`)),
    ...computed.map(([, sql]) => sql),
  ].join(", ");
  const column = (name: string) => `u.${aliases[i.columns.findIndex((c) => c.name === name)]}`;
  const join = i.joined ? i.joined.join(column) : "";
  return `INSERT INTO "${i.table}" (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${aliases.join(", ")}) ${join} ${i.onConflict ?? ""}`;
}

function parameters<Row>(columns: Column<Row>[], rows: Row[]): unknown[] {
  return columns.map((c) => rows.map((row) => serialize(c.value(row))));
}

function serialize(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Helpers for the common column kinds. */
export const col = {
  text: <Row>(name: string, value: (row: Row) => string | undefined | null): Column<Row> => ({
    name,
    type: "text",
    value,
  }),
  int: <Row>(name: string, value: (row: Row) => number | undefined | null): Column<Row> => ({
    name,
    type: "int4",
    value,
  }),
  bigint: <Row>(name: string, value: (row: Row) => bigint | number | undefined | null): Column<Row> => ({
    name,
    type: "int8",
    value: (row) => {
      const v = value(row);
      return v === undefined || v === null ? null : BigInt(v).toString();
    },
  }),
  bool: <Row>(name: string, value: (row: Row) => boolean): Column<Row> => ({ name, type: "bool", value }),
  time: <Row>(name: string, value: (row: Row) => Date | undefined | null): Column<Row> => ({
    name,
    type: "timestamp",
    value: (row) => value(row)?.toISOString() ?? null,
  }),
  json: <Row>(name: string, value: (row: Row) => unknown): Column<Row> => ({
    name,
    type: "jsonb",
    value: (row) => JSON.stringify(value(row)),
  }),
  textArray: <Row>(name: string, value: (row: Row) => string[]): Column<Row> => ({
    name,
    type: "jsonb",
    value: (row) => JSON.stringify(value(row)),
    select: (ref) => `ARRAY(SELECT jsonb_array_elements_text(${ref}))`,
  }),
};
