/**
 * A registry's allocated month as kept in kept_chargeback_months: what every chargeback view
 * reads of it (the registry's identity, its estimate and the allocation), before any bill is
 * applied. Compact JSON: bigints as decimal strings, repositories and lines as tuples, maps as
 * entry lists in their order. `null` stands for a registry with no cost that month.
 * decodeKeptRegistryMonth answers undefined for a body it cannot read (another format): the
 * reader allocates that registry afresh.
 */
import { z } from "zod";
import { COST_KINDS, type Micros } from "../costs/types";
import type { RegistryAllocation } from "./allocate";

/** Part of every key: a change of this format makes every kept month stale. */
export const MONTH_CODEC_VERSION = 1;

/** The registry fields the chargeback views show (lib/costs' record of the month narrowed). */
export type RegistryIdentity = {
  registryId: number;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  /** The latest location the month covers. */
  location: string;
};

export type KeptRegistryMonth = {
  record: RegistryIdentity;
  /** Lower-cased ARM id, the FOCUS ResourceId. */
  armId: string;
  tags: Record<string, string>;
  /** The registry's cost-model total for the month (Σ of the allocated lines). */
  estimatedMicros: Micros;
  allocation: RegistryAllocation;
};

const integer = z.string().regex(/^-?\d+$/);

const bodySchema = z.object({
  v: z.literal(MONTH_CODEC_VERSION),
  record: z.object({
    registryId: z.number().int(),
    name: z.string(),
    subscriptionId: z.string(),
    resourceGroup: z.string(),
    location: z.string(),
  }),
  armId: z.string(),
  tags: z.record(z.string(), z.string()),
  estimated: integer,
  lines: z.array(z.tuple([z.string(), z.enum(COST_KINDS), z.string(), integer])),
  repositories: z.array(z.tuple([z.string(), z.string().nullable(), integer, integer])),
  daily: z.array(z.tuple([z.string(), z.array(z.tuple([z.string(), integer]))])),
  teamBytes: z.array(z.tuple([z.string(), integer])),
});

export function encodeKeptRegistryMonth(month: KeptRegistryMonth | null): string {
  if (month === null) return "null";
  const { allocation } = month;
  return JSON.stringify({
    v: MONTH_CODEC_VERSION,
    record: {
      registryId: month.record.registryId,
      name: month.record.name,
      subscriptionId: month.record.subscriptionId,
      resourceGroup: month.record.resourceGroup,
      location: month.record.location,
    },
    armId: month.armId,
    tags: month.tags,
    estimated: month.estimatedMicros.toString(),
    lines: allocation.lines.map((l) => [l.team, l.kind, l.method, l.micros.toString()]),
    repositories: allocation.repositories.map((p) => [
      p.team,
      p.repository,
      p.storageMicros.toString(),
      p.attributedBytes.toString(),
    ]),
    daily: [...allocation.daily].map(([team, days]) => [team, days.map((d) => [d.day, d.micros.toString()])]),
    teamBytes: [...allocation.teamBytes].map(([team, bytes]) => [team, bytes.toString()]),
  });
}

export function decodeKeptRegistryMonth(body: string): KeptRegistryMonth | null | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (json === null) return null;
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const kept = parsed.data;
  return {
    record: kept.record,
    armId: kept.armId,
    tags: kept.tags,
    estimatedMicros: BigInt(kept.estimated),
    allocation: {
      lines: kept.lines.map(([team, kind, method, micros]) => ({ team, kind, method, micros: BigInt(micros) })),
      repositories: kept.repositories.map(([team, repository, storageMicros, attributedBytes]) => ({
        team,
        repository,
        storageMicros: BigInt(storageMicros),
        attributedBytes: BigInt(attributedBytes),
      })),
      daily: new Map(
        kept.daily.map(([team, days]) => [team, days.map(([day, micros]) => ({ day, micros: BigInt(micros) }))]),
      ),
      teamBytes: new Map(kept.teamBytes.map(([team, bytes]) => [team, BigInt(bytes)])),
    },
  };
}
