import { Bytes } from "@/components/ui/bytes";
import { PlanCountCells, PlanCountHeaders } from "./plan-count-columns";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { CleanupPlanSummary } from "@/lib/stale/server/summarize-cleanup-plan";
import { staleHref, type StaleUrlState } from "./stale-urls";

export async function StaleRepositoriesTable({
  summary,
  state,
}: {
  summary: Promise<CleanupPlanSummary>;
  state: StaleUrlState;
}) {
  const { repositories } = await summary;
  return (
    <Panel title="By repository" testId="stale-repositories">
      {repositories.total === 0 ? (
        <EmptyState>No repository of the plan matches the registry and repository filters.</EmptyState>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table compact" data-testid="stale-repositories-table">
              <caption className="sr-only">Cleanup plan by repository</caption>
              <thead>
                <tr>
                  <th scope="col">Registry</th>
                  <th scope="col">Repository</th>
                  <PlanCountHeaders />
                  <th
                    scope="col"
                    className="right"
                    title="Σ of the deleted manifests' own sizes; layers they share with kept images stay"
                  >
                    Deleted manifests&apos; size
                  </th>
                </tr>
              </thead>
              <tbody>
                {repositories.rows.map((r) => (
                  <tr
                    key={`${r.registry}/${r.repository}`}
                    data-testid="stale-repository-row"
                    data-registry={r.registry}
                    data-repository={r.repository}
                  >
                    <td>{r.registry}</td>
                    <td className="strong">{r.repository}</td>
                    <PlanCountCells counts={r} />
                    <td className="right">
                      <Bytes value={r.deletedManifestBytes} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={repositories.page}
            pageCount={repositories.pageCount}
            total={repositories.total}
            hrefFor={(repositoryPage) => staleHref({ ...state, repositoryPage })}
          />
          <p className="muted small">
            Reclaimable bytes exist per registry only: a layer is freed when no kept manifest of the registry references
            it, whichever repository holds it. A repository&apos;s figure is the size of its deleted manifests, shared
            layers included.
          </p>
        </>
      )}
    </Panel>
  );
}
