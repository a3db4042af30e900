import { ChartBarStoredBytes, type StoredBytesBar } from "@/components/storage/chart-bar-stored-bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import { sumStoredBytesByRegistry } from "@/lib/storage/server/sum-stored-bytes-by-registry";

const TOP_REGISTRIES = 10;

export async function StoredBytesPanel() {
  const result = await sumStoredBytesByRegistry({ limit: TOP_REGISTRIES });
  const bars: StoredBytesBar[] = [...result.registries];
  if (result.otherCount > 0) bars.push({ name: `${result.otherCount} others`, storedBytes: result.otherBytes });
  return (
    <Panel title="Stored bytes by registry" testId="stored-bytes-panel">
      {bars.length === 0 ? <EmptyState>No registries synced yet.</EmptyState> : <ChartBarStoredBytes data={bars} />}
    </Panel>
  );
}
