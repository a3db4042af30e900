/**
 * A single-row JSON document of the installation (the stale policy, the chargeback rules): a
 * document is validated before it replaces the stored one, so an invalid one never does; it is
 * stored as its canonical JSON, so what is exported is exactly what was saved; and it is validated
 * again on read, so a row edited by hand fails naming the bad field. Every save and reset runs
 * the caller's `record` in its own transaction (the audit event, a kept version), under a lock per
 * document, so `before` is exactly what the change replaced and the two commit together.
 */
import type { Prisma } from "../generated/prisma/client";
import { getDb } from "../db";

export type StoredDocument<T> = { value: T; document: string; updatedAt: Date };

/** What a save or reset replaced (`before`) with what (`after`); null: no stored document. */
export type DocumentChange = { before: string | null; after: string | null };
export type RecordChange = (tx: Prisma.TransactionClient, change: DocumentChange) => Promise<void>;

export type DocumentStore<T> = {
  /** The stored document, validated; null when none is stored. */
  get(): Promise<StoredDocument<T> | null>;
  /** The stored text as it is, unvalidated (to show a broken row for repair); null when none. */
  getText(): Promise<{ document: string; updatedAt: Date } | null>;
  /** Validates the text, then replaces the stored document with its canonical JSON, and records it. */
  save(text: string, record: RecordChange): Promise<StoredDocument<T>>;
  /** Removes the stored document (the built-in one applies again), and records it. */
  reset(record: RecordChange): Promise<void>;
};

type Codec<T> = { parse(text: string): T; serialize(value: T): string };

/** The table holds at most this row. */
const ROW_ID = 1;

/** Saves and resets of one document queue (also while no row exists to lock), then read what they replace. */
async function lockAndRead(tx: Prisma.TransactionClient, table: string): Promise<string | null> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('document-store'), hashtext($1))`, table);
  const rows = await tx.$queryRawUnsafe<{ document: string }[]>(`SELECT document FROM ${table} WHERE id = $1`, ROW_ID);
  return rows[0]?.document ?? null;
}

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
    async save(text, record) {
      const value = codec.parse(text);
      const document = codec.serialize(value);
      const db = await getDb();
      return db.$transaction(async (tx) => {
        const before = await lockAndRead(tx, table);
        const [row] = await tx.$queryRawUnsafe<{ document: string; updated_at: Date }[]>(
          `INSERT INTO ${table} (id, document, updated_at) VALUES ($1, $2, now() AT TIME ZONE 'UTC')
           ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at
           RETURNING document, updated_at`,
          ROW_ID,
          document,
        );
        await record(tx, { before, after: row.document });
        return { value, document: row.document, updatedAt: row.updated_at };
      });
    },
    async reset(record) {
      const db = await getDb();
      await db.$transaction(async (tx) => {
        const before = await lockAndRead(tx, table);
        await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE id = $1`, ROW_ID);
        await record(tx, { before, after: null });
      });
    },
  };
}
