/**
 * The write-path baseline: the raw COPY rate of the rows a sync wrote. Each inventory table is
 * copied out to memory, then COPY'd into an empty twin (same columns and indexes) and timed.
 */
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Pool } from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

const TABLES = [
  "blobs",
  "manifest_contents",
  "manifest_blobs",
  "manifest_children",
  "repositories",
  "manifests",
  "tags",
];

export async function copyBaseline(pool: Pool): Promise<{ rows: number; ms: number; rowsPerSecond: number }> {
  const client = await pool.connect();
  try {
    const dumps: { table: string; data: Buffer[]; rows: number }[] = [];
    for (const table of TABLES) {
      const data: Buffer[] = [];
      await pipeline(
        client.query(copyTo(`COPY ${table} TO STDOUT`)),
        new Writable({
          write(chunk: Buffer, _enc, done) {
            data.push(chunk);
            done();
          },
        }),
      );
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      dumps.push({ table, data, rows: rows[0].n });
      await client.query(`CREATE TEMP TABLE bench_${table} (LIKE ${table} INCLUDING DEFAULTS INCLUDING INDEXES)`);
    }
    const started = performance.now();
    for (const dump of dumps) {
      await pipeline(Readable.from(dump.data), client.query(copyFrom(`COPY bench_${dump.table} FROM STDIN`)));
    }
    const ms = Math.round(performance.now() - started);
    const rows = dumps.reduce((n, d) => n + d.rows, 0);
    return { rows, ms, rowsPerSecond: Math.round(rows / (ms / 1000)) };
  } finally {
    client.release();
  }
}
