import { Money } from "@/components/ui/money";
import { Bytes } from "@/components/ui/bytes";
import { PlanCountCells, PlanCountHeaders } from "./plan-count-columns";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { CleanupPlanSummary } from "@/lib/stale/server/summarize-cleanup-plan";

export async function StaleRegistriesTable({ summary }: { summary: Promise<CleanupPlanSummary> }) {
  const { registries, currency, month } = await summary;
  return (
    <Panel title="By registry" testId="stale-registries">
      {registries.length === 0 ? (
        <EmptyState>No registry in the inventory yet.</EmptyState>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table compact" data-testid="stale-registries-table">
              <caption className="sr-only">Cleanup plan by registry</caption>
              <thead>
                <tr>
                  <th scope="col">Registry</th>
                  <th scope="col">SKU</th>
                  <th scope="col" className="right">
                    Stored
                  </th>
                  <PlanCountHeaders />
                  <th
                    scope="col"
                    className="right"
                    title="Blobs of deleted manifests that no kept manifest of the registry references"
                  >
                    Reclaimable
                  </th>
                  <th scope="col" className="right">
                    Monthly saving
                  </th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {registries.map((r) => (
                  <tr
                    key={r.registry}
                    data-testid="stale-registry-row"
                    data-registry={r.registry}
                    data-saving-note={r.savingNote ?? ""}
                  >
                    <td className="strong">{r.registry}</td>
                    <td>{r.sku}</td>
                    <td className="right">
                      <Bytes value={r.storedBytes} />
                    </td>
                    <PlanCountCells counts={r} manifestsTestId="registry-manifests-deleted" />
                    <td className="right">
                      <Bytes value={r.reclaimableBytes} testId="registry-reclaimable-bytes" />
                    </td>
                    <td className="right">
                      <Money micros={r.savingMicros} currency={currency} testId="registry-monthly-saving" />
                    </td>
                    <td className="muted small" data-testid="registry-saving-note">
                      {r.savingNoteText ?? ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            Saving = a full month of {month} of storage and replica storage at the registry&apos;s current SKU, replicas
            and prices, before minus after the plan. Nothing is billed within a SKU&apos;s included storage, so freeing
            bytes there saves nothing.
          </p>
        </>
      )}
    </Panel>
  );
}
