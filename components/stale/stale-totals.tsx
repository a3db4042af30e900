import { Money } from "@/components/ui/money";
import { Bytes } from "@/components/ui/bytes";
import { Count } from "@/components/ui/count";
import type { CleanupPlanSummary } from "@/lib/stale/server/summarize-cleanup-plan";

/** The whole plan's totals, whatever the item filters: the figures the CSV and the script hold. */
export async function StaleTotals({ summary }: { summary: Promise<CleanupPlanSummary> }) {
  const { totals, currency, month } = await summary;
  const stat = (label: string, value: number, testId: string, hint: string) => (
    <div className="stat" title={hint}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">
        <Count value={value} testId={testId} />
      </div>
    </div>
  );
  return (
    <div className="stats" data-testid="stale-totals">
      {stat(
        "Manifests deleted",
        totals.manifestsDeleted,
        "total-manifests-deleted",
        "delete rows: one per manifest, by digest",
      )}
      {stat("Tags deleted", totals.tagsDeleted, "total-tags-deleted", "tags that go with their deleted manifests")}
      {stat(
        "Tags untagged",
        totals.tagsUntagged,
        "total-tags-untagged",
        "stale tags removed from images other tags keep; frees nothing",
      )}
      {stat("Tags kept", totals.tagsKept, "total-tags-kept", "stale tags a protection keeps (locked, in use, …)")}
      {stat("Keep rows", totals.keepRows, "total-keep-rows", "protected candidates, with their protection as reason")}
      {stat("Untag rows", totals.untagRows, "total-untag-rows", "one per untagged tag")}
      <div
        className="stat"
        title="Σ of each registry's reclaimable bytes: blobs of deleted manifests no kept manifest of the registry references"
      >
        <div className="stat-label">Reclaimable</div>
        <div className="stat-value">
          <Bytes value={totals.reclaimableBytes} testId="total-reclaimable-bytes" />
        </div>
      </div>
      <div
        className="stat"
        title={`storage and replica storage, a full month of ${month} at current prices, SKUs and replicas`}
      >
        <div className="stat-label">Monthly saving</div>
        <div className="stat-value">
          <Money micros={totals.savingMicros} currency={currency} testId="total-monthly-saving" />
        </div>
        <div className="muted small">
          full month of {month} · {totals.repositories} repositories with items
        </div>
      </div>
    </div>
  );
}
