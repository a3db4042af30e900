import type { Access } from "@/lib/auth/access";
import { ChartAreaRepositoryBytes } from "@/components/storage-history/chart-area-repository-bytes";
import { ChartLineTagManifestCounts } from "@/components/storage-history/chart-line-tag-manifest-counts";
import { EmptyState, Panel } from "@/components/ui/panel";
import { listRepositoryStorageSeries } from "@/lib/storage-history/server/list-repository-storage-series";
import { splitRepositoryKey, type TrendsPageParams } from "@/lib/storage-history/trends-page-params";

export async function RepositoryTrendsPanel({ params, access }: { params: TrendsPageParams; access: Access }) {
  const pair = splitRepositoryKey(params.repository);
  if (!pair) {
    return (
      <Panel title="Repository" testId="trends-repository">
        <EmptyState>Pick a repository above to see its storage, tags and manifests over time.</EmptyState>
      </Panel>
    );
  }
  const trends = await listRepositoryStorageSeries({ range: params.range, repositories: [pair] }, access);
  const title = `${pair.registry} / ${pair.repository}`;
  return (
    <div className="grid-2">
      <Panel title={`${title}: storage`} testId="trends-repository">
        {trends.points.length === 0 ? (
          <EmptyState>
            No snapshot of this repository between {trends.from} and {trends.until}.
          </EmptyState>
        ) : (
          <ChartAreaRepositoryBytes points={trends.points} />
        )}
      </Panel>
      <Panel title={`${title}: tags and manifests`} testId="trends-repository-counts">
        {trends.points.length === 0 ? (
          <EmptyState>No snapshot in this range.</EmptyState>
        ) : (
          <ChartLineTagManifestCounts points={trends.points} testId="chart-repository-counts" />
        )}
      </Panel>
    </div>
  );
}
