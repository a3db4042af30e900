import { Bytes } from "@/components/ui/bytes";
import { DateTime } from "@/components/ui/date-time";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { CleanupPlanSummary } from "@/lib/stale/server/summarize-cleanup-plan";
import { staleHref, type StaleUrlState } from "./stale-urls";
import { formatShortDigest } from "@/lib/format";

const ACTION_TONE = { delete: "bad", untag: "warn", keep: "ok" } as const;

/** Every item of the plan with its reason, in the CSV's order, filtered and paged. */
export async function StaleItemsTable({
  summary,
  state,
}: {
  summary: Promise<CleanupPlanSummary>;
  state: StaleUrlState;
}) {
  const { items } = await summary;
  return (
    <Panel title="Items" testId="stale-items">
      {items.total === 0 ? (
        <EmptyState>No item of the plan matches these filters.</EmptyState>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table compact" data-testid="stale-items-table" data-total={items.total}>
              <caption className="sr-only">Manifests and tags the cleanup plan deletes or untags</caption>
              <thead>
                <tr>
                  <th scope="col">Registry</th>
                  <th scope="col">Repository</th>
                  <th scope="col">Action</th>
                  <th scope="col">Tags</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Last update</th>
                  <th scope="col" className="right" title="The manifest's own size, not what deleting it frees">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.rows.map((i) => (
                  <tr
                    key={`${i.registry}/${i.repository}/${i.digest}/${i.action}/${i.tags.join(" ")}`}
                    data-testid="stale-item-row"
                    data-registry={i.registry}
                    data-repository={i.repository}
                    data-action={i.action}
                    data-digest={i.digest}
                    data-reason-code={i.reasonCode}
                  >
                    <td>{i.registry}</td>
                    <td className="strong">{i.repository}</td>
                    <td>
                      <span className={`badge badge-${ACTION_TONE[i.action]}`}>{i.action}</span>
                    </td>
                    <td title={i.digest}>
                      {i.tags.length > 0 ? (
                        i.tags.join(", ")
                      ) : (
                        <span className="muted">untagged {formatShortDigest(i.digest)}</span>
                      )}
                    </td>
                    <td className="message">
                      <code>{i.reasonCode}</code> {i.reason}
                    </td>
                    <td>
                      <DateTime iso={i.lastUpdatedAt} />
                    </td>
                    <td className="right">
                      <Bytes value={i.sizeBytes} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={items.page}
            pageCount={items.pageCount}
            total={items.total}
            hrefFor={(page) => staleHref({ ...state, page })}
          />
        </>
      )}
    </Panel>
  );
}
