import { formatBytes, formatExactBytes } from "@/lib/format";
import { ExactValue } from "./exact-value";

/** Human-readable bytes; the exact count in the tooltip, for screen readers, and in data-bytes for tests. */
export function Bytes({ value, testId }: { value: number | null; testId?: string }) {
  if (value === null) return <span data-testid={testId}>—</span>;
  const exact = formatExactBytes(value);
  return (
    <span className="num" title={exact} data-bytes={value} data-testid={testId}>
      {formatBytes(value)}
      {Math.abs(value) >= 1024 ? <ExactValue exact={exact} /> : null}
    </span>
  );
}
