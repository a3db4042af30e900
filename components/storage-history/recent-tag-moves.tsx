import type { Access } from "@/lib/auth/access";
import { EmptyState, Panel } from "@/components/ui/panel";
import { listTagHistory } from "@/lib/storage-history/server/list-tag-history";
import { TagHistoryTable } from "./tag-history-table";

/**
 * The newest digest-trail rows of a registry, or of one repository when given: tags that appeared
 * or moved, newest first, with the tag-history CSV of the same scope.
 */
export async function RecentTagMoves({
  registry,
  repository,
  limit = 20,
  access,
}: {
  registry: string;
  repository?: string;
  limit?: number;
  access: Access;
}) {
  const rows = await listTagHistory(repository === undefined ? { registry } : { registry, repository }, access, limit);
  const query = new URLSearchParams(repository === undefined ? { registry } : { registry, repository });
  const csv = `/api/reports/tag-history.csv?${query.toString()}`;
  return (
    <Panel
      title={repository === undefined ? "Recent tag moves" : "Tag history (digest trail)"}
      testId="recent-tag-moves"
      actions={
        <a href={csv} download data-testid="tag-history-csv">
          CSV
        </a>
      }
    >
      {rows.length === 0 ? (
        <EmptyState>No tag recorded yet: the trail starts with the first sync.</EmptyState>
      ) : (
        <TagHistoryTable rows={rows} showRepository={repository === undefined} />
      )}
    </Panel>
  );
}
