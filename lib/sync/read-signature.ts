/**
 * A registry read described as its write stores it, manifests and tags aside: one hash of all but
 * the task runs (the registry's ARM properties, usages, replications, webhooks, tasks, every
 * repository's properties and the snapshot day), and one per run. The description is stored with
 * the registry's inventory token (registries.written_read), so any process can tell a read that
 * has nothing new to write. It names that token too: a token moved by anything but a registry's
 * write (which stores a description with it) leaves no description that holds.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { FetchedRegistry } from "./types";

export type ReadSignature = { signature: string; runs: ReadonlyMap<string, string> };

/** As stored in registries.written_read (jsonb): the inventory token written with it, runs as an object by run id. */
export type StoredReadSignature = { token: string; signature: string; runs: Record<string, string> };

const storedReadSignature = z.object({
  token: z.string(),
  signature: z.string(),
  runs: z.record(z.string(), z.string()),
});

/** Objects with their keys in order, so that the same facts give the same text whichever way they were built. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value, sortedKeys)).digest("base64");

/**
 * The read of `fetched` whose snapshots are written for `day` (YYYY-MM-DD). Runs are listed back to
 * a watermark that moves with what is stored, so a read holds a window of them, hashed one by one.
 */
export function describeRead(fetched: FetchedRegistry, day: string): ReadSignature {
  const { runs, ...details } = fetched.details;
  const repositories = [...fetched.unchanged, ...fetched.changed.map((c) => c.properties)].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return {
    signature: hash({ registry: fetched.registry, details, repositories, day }),
    runs: new Map(runs.map((r) => [r.runId, hash(r)])),
  };
}

/** Whether the write of `written` stored everything `read` holds (its runs may be fewer: the window moved on). */
export function isWrittenAlready(read: ReadSignature, written: ReadSignature): boolean {
  if (read.signature !== written.signature) return false;
  for (const [runId, run] of read.runs) if (written.runs.get(runId) !== run) return false;
  return true;
}

/** `token`: the inventory token written in the same statement (its text form, as PostgreSQL prints a uuid). */
export function toStoredReadSignature(read: ReadSignature, token: string): StoredReadSignature {
  return { token, signature: read.signature, runs: Object.fromEntries(read.runs) };
}

/**
 * The stored description, if it was written with the registry's current inventory token;
 * undefined when there is none, it goes with another token, or it is not one this version reads
 * (the registry is then written in full).
 */
export function fromStoredReadSignature(stored: unknown, token: string | null): ReadSignature | undefined {
  const parsed = storedReadSignature.safeParse(stored);
  if (!parsed.success || token === null || parsed.data.token !== token) return undefined;
  return { signature: parsed.data.signature, runs: new Map(Object.entries(parsed.data.runs)) };
}
