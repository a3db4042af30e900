/**
 * Conversions at the edge of the server layer: nothing BigInt or Date crosses to a component.
 * Bytes become numbers: Number.MAX_SAFE_INTEGER bytes is 8 PiB, far above any registry's limit.
 * Timestamps become ISO 8601 UTC strings, which is also what the CSV reports print.
 */
export function bytesToNumber(value: bigint): number {
  return Number(value);
}

export function optionalBytesToNumber(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}

export function toIso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** A stored repository's counts and storage (lib/storage/storage's three measures), as views show them. */
export function repositoryFigures(r: {
  manifestCount: number;
  tagCount: number;
  untaggedManifestCount: number;
  logicalBytes: bigint;
  uniqueBytes: bigint;
  attributedBytes: bigint;
}) {
  return {
    manifestCount: r.manifestCount,
    tagCount: r.tagCount,
    untaggedManifestCount: r.untaggedManifestCount,
    logicalBytes: bytesToNumber(r.logicalBytes),
    uniqueBytes: bytesToNumber(r.uniqueBytes),
    attributedBytes: bytesToNumber(r.attributedBytes),
  };
}

export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number; pageCount: number };

export function toPage<T>(rows: T[], total: number, page: number, pageSize: number): Page<T> {
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
