import { formatCount } from "@/lib/format";

export function Count({ value, testId }: { value: number | null; testId?: string }) {
  if (value === null) return <span data-testid={testId}>—</span>;
  return (
    <span className="num" data-value={value} data-testid={testId}>
      {formatCount(value)}
    </span>
  );
}
