import { formatBytes, formatExactBytes } from "@/lib/format";

/** Human-readable bytes; the exact count in the tooltip and in data-bytes for tests. */
export function Bytes({ value, testId }: { value: number | null; testId?: string }) {
  if (value === null) return <span data-testid={testId}>—</span>;
  return (
    <span className="num" title={formatExactBytes(value)} data-bytes={value} data-testid={testId}>
      {formatBytes(value)}
    </span>
  );
}
