import { ChartAreaRepositoryBytes } from "@/components/storage-history/chart-area-repository-bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import { listRepositoryStorageSeries } from "@/lib/storage-history/server/list-repository-storage-series";
import type { Access } from "@/lib/auth/access";
import type { TeamDetail } from "@/lib/chargeback/server/get-team-detail";

/** The team's storage over the last 180 days: the daily snapshots of the repositories it owns now. */
export async function TeamStorageTrend({ detail, access }: { detail: TeamDetail; access: Access }) {
  const trends = await listRepositoryStorageSeries(
    {
      range: "180d",
      repositories: detail.repositories.map((r) => ({ registry: r.registry, repository: r.repository })),
    },
    access,
  );
  return (
    <Panel title="Storage over time (repositories it owns now)" testId="team-storage-trend">
      {trends.points.length === 0 ? (
        <EmptyState>
          No snapshot of the team&apos;s repositories between {trends.from} and {trends.until}.
        </EmptyState>
      ) : (
        <ChartAreaRepositoryBytes points={trends.points} />
      )}
    </Panel>
  );
}
