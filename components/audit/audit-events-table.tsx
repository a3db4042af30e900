import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/panel";
import { Pagination } from "@/components/ui/pagination";
import type { AuditFilter } from "@/lib/audit/audit-filters";
import { listAuditEvents } from "@/lib/audit/server/list-audit-events";
import { AuditDocuments } from "./audit-documents";
import { auditHref } from "./audit-urls";

export async function AuditEventsTable({ filter, page }: { filter: AuditFilter; page: number }) {
  const events = await listAuditEvents({ ...filter, page });
  if (events.total === 0) return <EmptyState>No recorded change matches these filters.</EmptyState>;
  return (
    <>
      <div className="table-scroll">
        <table className="table" data-testid="audit-table">
          <caption className="sr-only">Recorded changes, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Roles</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Summary</th>
              <th scope="col">Documents</th>
            </tr>
          </thead>
          <tbody>
            {events.rows.map((e) => (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <td>
                  <DateTime iso={e.at} />
                </td>
                <td>
                  {e.actor}
                  <div className="muted small">
                    {e.via} · mode {e.mode}
                  </div>
                </td>
                <td>{e.roles.length === 0 ? <span className="muted">none</span> : e.roles.join(", ")}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.target}</td>
                <td>{e.summary}</td>
                <td>
                  <AuditDocuments before={e.before} after={e.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={events.page}
        pageCount={events.pageCount}
        total={events.total}
        hrefFor={(p) => auditHref(filter, p)}
      />
    </>
  );
}
