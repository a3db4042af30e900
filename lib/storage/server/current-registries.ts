/**
 * A current registry is one Azure still lists: the sync sets `removedAt` on a registry that has
 * gone and keeps its rows, so the cost of the days it existed stays in history. Every read that
 * lists registries, or what lives in them, goes through this one rule; the month cost loader
 * (load-registry-month-costs) alone still counts a removed registry's days before it went.
 * No "server-only" guard: the import-in-use CLI reads it outside Next.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

/** Prisma where-fragment: `{ ...CURRENT_REGISTRY, name }`, or `registry: CURRENT_REGISTRY` on a related row. */
export const CURRENT_REGISTRY = { removedAt: null } as const satisfies Prisma.RegistryWhereInput;

/** The same rule in SQL, for the registries table under `alias` (`FROM registries g` → "g"). */
export function currentRegistrySql(alias: string): string {
  return `${alias}.removed_at IS NULL`;
}
