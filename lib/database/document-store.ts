/**
 * A single-row JSON document of the installation (the stale policy, the chargeback rules): a
 * document is validated before it replaces the stored one, so an invalid one never does; it is
 * stored as its canonical JSON, so what is exported is exactly what was saved; and it is validated
 * again on read, so a row edited by hand fails naming the bad field.
 */
import { getDb } from "../db";

export type StoredDocument<T> = { value: T; document: string; updatedAt: Date };

export type DocumentStore<T> = {
  /** The stored document, validated; null when none is stored. */
  get(): Promise<StoredDocument<T> | null>;
  /** The stored text as it is, unvalidated (to show a broken row for repair); null when none. */
  getText(): Promise<{ document: string; updatedAt: Date } | null>;
  /** Validates the text, then replaces the stored document with its canonical JSON. */
  save(text: string): Promise<StoredDocument<T>>;
  /** Removes the stored document: the built-in one applies again. */
  reset(): Promise<void>;
};

type Codec<T> = { parse(text: string): T; serialize(value: T): string };

/** The table holds at most this row. */
const ROW_ID = 1;

export function documentStore<T>(table: "stale_policy" | "chargeback_config", codec: Codec<T>): DocumentStore<T> {
  const getText = async () => {
    const db = await getDb();
    const rows = await db.$queryRawUnsafe<{ document: string; updated_at: Date }[]>(
      `SELECT document, updated_at FROM ${table} WHERE id = $1`,
      ROW_ID,
    );
    return rows[0] ? { document: rows[0].document, updatedAt: rows[0].updated_at } : null;
  };
  return {
    getText,
    async get() {
      const row = await getText();
      return row && { value: codec.parse(row.document), ...row };
    },
    async save(text) {
      const value = codec.parse(text);
      const document = codec.serialize(value);
      const db = await getDb();
      const [row] = await db.$queryRawUnsafe<{ document: string; updated_at: Date }[]>(
        `INSERT INTO ${table} (id, document, updated_at) VALUES ($1, $2, now() AT TIME ZONE 'UTC')
         ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at
         RETURNING document, updated_at`,
        ROW_ID,
        document,
      );
      return { value, document: row.document, updatedAt: row.updated_at };
    },
    async reset() {
      const db = await getDb();
      await db.$executeRawUnsafe(`DELETE FROM ${table} WHERE id = $1`, ROW_ID);
    },
  };
}
