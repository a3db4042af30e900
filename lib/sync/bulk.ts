/**
 * Batched writes: one INSERT … SELECT FROM unnest(…) per chunk, each column sent as one typed
 * array parameter. Thousands of rows per round trip, idempotent through ON CONFLICT clauses.
 */
import type { PoolClient } from "pg";

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
  let inserted = 0;
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  const select = columns.map((c, i) => (c.select ? c.select(`u.${aliases[i]}`) : `u.${aliases[i]}`)).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${aliases.join(", ")}) ${onConflict}`;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const params = columns.map((c) => chunk.map((row) => serialize(c.value(row))));
    const result = await client.query(sql, params);
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}

function serialize(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Helpers for the common column kinds. */
export const col = {
  text: <Row>(name: string, value: (row: Row) => string | undefined | null): Column<Row> => ({ name, type: "text", value }),
  int: <Row>(name: string, value: (row: Row) => number | undefined | null): Column<Row> => ({ name, type: "int4", value }),
  bigint: <Row>(name: string, value: (row: Row) => bigint | number | undefined | null): Column<Row> => ({
    name,
    type: "int8",
    value: (row) => {
      const v = value(row);
      return v === undefined || v === null ? null : BigInt(v).toString();
    },
  }),
  bool: <Row>(name: string, value: (row: Row) => boolean): Column<Row> => ({ name, type: "bool", value }),
  time: <Row>(name: string, value: (row: Row) => Date | undefined | null): Column<Row> => ({ name, type: "timestamp", value: (row) => value(row)?.toISOString() ?? null }),
  json: <Row>(name: string, value: (row: Row) => unknown): Column<Row> => ({ name, type: "jsonb", value: (row) => JSON.stringify(value(row)) }),
  textArray: <Row>(name: string, value: (row: Row) => string[]): Column<Row> => ({
    name,
    type: "jsonb",
    value: (row) => JSON.stringify(value(row)),
    select: (ref) => `ARRAY(SELECT jsonb_array_elements_text(${ref}))`,
  }),
};
