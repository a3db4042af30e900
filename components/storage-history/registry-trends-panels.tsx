import { ChartLineRegistryBytes } from "@/components/storage-history/chart-line-registry-bytes";
import { ChartLineTagManifestCounts } from "@/components/storage-history/chart-line-tag-manifest-counts";
import { EmptyState, Panel } from "@/components/ui/panel";
import { listRegistryStorageSeries } from "@/lib/storage-history/server/list-registry-storage-series";
import type { TrendsPageParams } from "@/lib/storage-history/trends-page-params";

export async function RegistryTrendsPanels({ params }: { params: TrendsPageParams }) {
  const trends = await listRegistryStorageSeries({ range: params.range, registry: params.registry });
  const scope = params.registry ?? "all registries";
  const empty = (
    <EmptyState>
      No snapshot between {trends.from} and {trends.until}: every sync writes one a day.
    </EmptyState>
  );
  return (
    <>
      <Panel
        title={`Attributed storage by registry, ${trends.from} to ${trends.until}`}
        testId="trends-registry-storage"
      >
        {trends.storage.length === 0 ? (
          empty
        ) : (
          <ChartLineRegistryBytes points={trends.storage} registries={trends.registries} />
        )}
      </Panel>
      <Panel title={`Tags and manifests, ${scope}`} testId="trends-registry-counts">
        {trends.counts.length === 0 ? (
          empty
        ) : (
          <ChartLineTagManifestCounts points={trends.counts} testId="chart-registry-counts" />
        )}
      </Panel>
    </>
  );
}
