import { Count } from "@/components/ui/count";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { InUseImportRow, InUseSourceKind } from "@/lib/in-use/server/list-in-use-imports";

const SOURCE_LABELS: Record<InUseSourceKind, string> = {
  kubernetes: "Kubernetes pods",
  list: "Image list",
  "azure-container-apps": "Azure Container Apps",
  "azure-app-service": "Azure App Service / Functions",
};

/** The in-use imports that protect digests from the plan: uploads per cluster, and the apps the sync reads per subscription. */
export async function InUseImportsTable({ imports }: { imports: Promise<InUseImportRow[]> }) {
  const rows = await imports;
  return (
    <Panel title="In-use images" testId="in-use-imports">
      {rows.length === 0 ? (
        <EmptyState>
          No in-use images yet: a sync reads the subscriptions&apos; Container Apps and App Service sites; upload a
          cluster&apos;s pods with POST /api/in-use?cluster=NAME or npm run import-in-use.
        </EmptyState>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table compact" data-testid="in-use-imports-table">
              <caption className="sr-only">In-use image imports</caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Cluster or subscription</th>
                  <th scope="col">Imported</th>
                  <th scope="col" className="right">
                    Images
                  </th>
                  <th scope="col" className="right">
                    References
                  </th>
                  <th
                    scope="col"
                    className="right"
                    title="References to a registry of the inventory, through its login server or a geo-replica's regional endpoint"
                  >
                    In inventory
                  </th>
                  <th scope="col" className="right">
                    Digests
                  </th>
                  <th scope="col" className="right" title="Container apps, jobs, sites and slots">
                    Azure resources
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.name} data-testid="in-use-import-row" data-source={r.sourceKind} data-name={r.name}>
                    <td>{SOURCE_LABELS[r.sourceKind] ?? r.sourceKind}</td>
                    <td className="strong">{r.subscriptionId ?? r.name}</td>
                    <td>
                      <DateTime iso={r.importedAt.toISOString()} />
                    </td>
                    <td className="right">
                      <Count value={r.images} />
                    </td>
                    <td className="right">
                      <Count value={r.references} />
                    </td>
                    <td className="right">
                      <Count value={r.inventoryReferences} />
                    </td>
                    <td className="right">
                      <Count value={r.digests} />
                    </td>
                    <td className="right">
                      {r.subscriptionId === null ? <span className="muted">—</span> : <Count value={r.resources} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            Digests referenced here, and the digests of tags referenced here, are kept with the reason in-use. Each
            source&apos;s newest import counts; a source the sync could not read keeps its previous import.
          </p>
        </>
      )}
    </Panel>
  );
}
