import { DateTime } from "@/components/ui/date-time";
import type { TagHistoryRow } from "@/lib/storage-history/server/list-tag-history";
import { formatShortDigest } from "@/lib/format";

/**
 * The digest trail as a table (server component): each row is a digest a tag pointed to, from
 * when until when ("now" while it still does). `showRepository` off for one repository's page.
 */
export function TagHistoryTable({
  rows,
  showRepository = true,
  testId = "tag-history-table",
}: {
  rows: TagHistoryRow[];
  showRepository?: boolean;
  testId?: string;
}) {
  return (
    <div className="table-scroll">
      <table className="table compact" data-testid={testId}>
        <caption className="sr-only">Digests each tag pointed to, and when</caption>
        <thead>
          <tr>
            {showRepository ? <th scope="col">Repository</th> : null}
            <th scope="col">Tag</th>
            <th scope="col">Digest</th>
            <th scope="col">Seen from</th>
            <th scope="col">Seen to</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="tag-history-row">
              {showRepository ? <td>{r.repository}</td> : null}
              <td>
                <code>{r.tag}</code>
              </td>
              <td>
                <code title={r.digest}>{formatShortDigest(r.digest)}</code>
              </td>
              <td>
                <DateTime iso={r.seenFrom} />
              </td>
              <td>{r.seenTo ? <DateTime iso={r.seenTo} /> : <span className="muted">now</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
