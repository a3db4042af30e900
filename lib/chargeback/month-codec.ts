/**
 * A registry's allocated month as kept in kept_chargeback_months: what every chargeback view
 * reads of it (the registry's identity, its estimate and the allocation), before any bill is
 * applied. Compact JSON: bigints as decimal strings, repositories and lines as tuples, maps as
 * entry lists in their order. `null` stands for a registry with no cost that month.
 * decodeKeptRegistryMonth answers undefined for a body of another format: the reader allocates
 * that registry afresh.
 */
import type { CostKind, Micros } from "../costs/types";
import type { RegistryAllocation } from "./allocate";

/** Part of every key: a change of this format makes every kept month stale. */
export const MONTH_CODEC_VERSION = 2;

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

/** The stored form; bigints as decimal strings. */
type Body = {
  v: number;
  record: RegistryIdentity;
  armId: string;
  tags: Record<string, string>;
  estimated: string;
  lines: [string, CostKind, string, string][];
  repositories: [string, string | null, string, string][];
  daily: [string, [string, string][]][];
  /** team, kind, its days. */
  dailyByKind: [string, CostKind, [string, string][]][];
  teamBytes: [string, string][];
};

export function encodeKeptRegistryMonth(month: KeptRegistryMonth | null): string {
  if (month === null) return "null";
  const { allocation } = month;
  const body: Body = {
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
    dailyByKind: [...allocation.dailyByKind].flatMap(([team, kinds]) =>
      [...kinds].map(([kind, days]): [string, CostKind, [string, string][]] => [
        team,
        kind,
        days.map((d) => [d.day, d.micros.toString()]),
      ]),
    ),
    teamBytes: [...allocation.teamBytes].map(([team, bytes]) => [team, bytes.toString()]),
  };
  return JSON.stringify(body);
}

/**
 * Only this module writes bodies and the format's version is in every row's key, so a body read
 * for a key is this format: its version is checked, its shape trusted (a zod pass over 10k
 * repositories would cost more than the JSON parse itself).
 */
export function decodeKeptRegistryMonth(body: string): KeptRegistryMonth | null | undefined {
  let kept: Body | null;
  try {
    kept = JSON.parse(body) as Body | null;
  } catch {
    return undefined;
  }
  if (kept === null) return null;
  if (kept.v !== MONTH_CODEC_VERSION || !Array.isArray(kept.repositories)) return undefined;
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
      dailyByKind: decodeDailyByKind(kept.dailyByKind),
      teamBytes: new Map(kept.teamBytes.map(([team, bytes]) => [team, BigInt(bytes)])),
    },
  };
}

function decodeDailyByKind(entries: Body["dailyByKind"]): RegistryAllocation["dailyByKind"] {
  const result: RegistryAllocation["dailyByKind"] = new Map();
  for (const [team, kind, days] of entries) {
    let kinds = result.get(team);
    if (!kinds) result.set(team, (kinds = new Map()));
    kinds.set(
      kind,
      days.map(([day, micros]) => ({ day, micros: BigInt(micros) })),
    );
  }
  return result;
}
