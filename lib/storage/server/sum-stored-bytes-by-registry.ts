import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "./current-registries";
import { bytesToNumber } from "../../views";
import { parseInput } from "../../validation";

const paramsSchema = z.object({ limit: z.number().int().min(1).max(100).default(10) });

export type StoredBytesByRegistry = {
  registries: { name: string; storedBytes: number }[];
  /** Stored bytes of the registries beyond the limit, so the chart still adds up to the estate. */
  otherBytes: number;
  otherCount: number;
};

export async function sumStoredBytesByRegistry(
  input: z.input<typeof paramsSchema> = {},
): Promise<StoredBytesByRegistry> {
  const { limit } = parseInput(paramsSchema, input);
  const db = await getDb();
  const where = CURRENT_REGISTRY;
  const [top, all] = await Promise.all([
    db.registry.findMany({
      where,
      orderBy: [{ storedBytes: "desc" }, { name: "asc" }, { id: "asc" }],
      take: limit,
      select: { name: true, storedBytes: true },
    }),
    db.registry.aggregate({ where, _count: { _all: true }, _sum: { storedBytes: true } }),
  ]);
  const topBytes = top.reduce((sum, r) => sum + r.storedBytes, 0n);
  return {
    registries: top.map((r) => ({ name: r.name, storedBytes: bytesToNumber(r.storedBytes) })),
    otherBytes: bytesToNumber((all._sum.storedBytes ?? 0n) - topBytes),
    otherCount: all._count._all - top.length,
  };
}
