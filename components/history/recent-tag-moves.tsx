import { EmptyState, Panel } from "@/components/ui/panel";
import { listTagHistory } from "@/lib/queries/history/list-tag-history";
import { TagHistoryTable } from "./tag-history-table";

/** A registry's newest digest-trail rows: tags that appeared or moved, newest first. */
export async function RecentTagMoves({ registry }: { registry: string }) {
  const rows = await listTagHistory({ registry }, 20);
  const csv = `/api/reports/tag-history.csv?registry=${encodeURIComponent(registry)}`;
  return (
    <Panel title="Recent tag moves" testId="recent-tag-moves" actions={<a href={csv} download>CSV</a>}>
      {rows.length === 0 ? <EmptyState>No tag recorded yet: the trail starts with the first sync.</EmptyState> : <TagHistoryTable rows={rows} />}
    </Panel>
  );
}
