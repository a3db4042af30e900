import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/panel";
import { listRecentAlerts } from "@/lib/alerts/server/list-recent-alerts";

/** The alert's link within this site (its payload's is absolute, for the webhook's readers). */
const sameSite = (url: string) => {
  const { pathname, search } = new URL(url);
  return pathname + search;
};

/** Budget thresholds reached and jumps found after syncs, each raised once, with its delivery. */
export async function AlertsTable() {
  const { rows: alerts, webhookConfigured } = await listRecentAlerts();
  if (alerts.length === 0)
    return <EmptyState>No alerts: no budget threshold has been reached and no jump was found.</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="alerts-table" data-count={alerts.length}>
        <caption className="sr-only">Alerts raised after syncs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Raised</th>
            <th scope="col">Kind</th>
            <th scope="col">Team</th>
            <th scope="col">What</th>
            <th scope="col">Webhook</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr
              key={a.key}
              data-testid="alert-row"
              data-kind={a.kind}
              data-subject={a.subject ?? ""}
              data-team={a.team ?? ""}
              data-month={a.month}
            >
              <td>
                <DateTime iso={a.raisedAt} />
              </td>
              <td>
                <span className={`badge badge-${a.kind === "budget" ? "warn" : "info"}`}>{a.kind}</span>
                {a.subject ? (
                  <span className="muted small" style={{ display: "block" }}>
                    {a.subject === "team" ? "daily cost" : "repository bytes"}
                  </span>
                ) : null}
              </td>
              <td>{a.team ? <Link href={sameSite(a.url)}>{a.team}</Link> : "—"}</td>
              <td className="message">{a.summary}</td>
              <td>
                {a.deliveredAt ? (
                  <span title={a.deliveredAt}>sent</span>
                ) : !webhookConfigured ? (
                  <span className="muted">no webhook set</span>
                ) : (
                  <span className="muted" title={a.lastError ?? undefined}>
                    {a.attempts === 0 ? "pending" : `retrying (${a.attempts} failed: ${a.lastError ?? "unknown"})`}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
