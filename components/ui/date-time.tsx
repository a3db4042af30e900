import { formatDateTime } from "@/lib/format";
import { ExactValue } from "./exact-value";

/** A timestamp to the minute; the full ISO instant in the tooltip and for screen readers. */
export function DateTime({ iso }: { iso: string | null }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {formatDateTime(iso)}
      <ExactValue exact={iso} />
    </time>
  );
}
