import { Count } from "@/components/ui/count";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/panel";
import { StatusBadge } from "@/components/ui/status-badge";
import { getLastVerification } from "@/lib/verify/server/get-last-verification";

const SHOWN = 10;

/** The last `npm run verify`: whether the stored inventory's invariants held, per check, and the first violations left. */
export async function LastVerification() {
  const run = await getLastVerification({ violations: SHOWN });
  if (!run) {
    return (
      <EmptyState>
        No verification has run yet. <code>npm run verify</code> checks the stored inventory; <code>-- --repair</code>{" "}
        fetches what is wrong again.
      </EmptyState>
    );
  }
  return (
    <div data-testid="last-verification" data-status={run.status}>
      <p>
        <StatusBadge status={run.status} /> {run.repair ? "with repair, " : ""}
        <DateTime iso={run.finishedAt ?? run.startedAt} />
        {run.repairedCount > 0 ? <> · {run.repairedCount} violation(s) repaired</> : null}
        {run.violationCount > 0 ? (
          <>
            {" "}
            · <span className="warn-text">{run.violationCount} violation(s) left</span>
          </>
        ) : null}
      </p>
      {run.error ? <p className="message warn-text">{run.error}</p> : null}
      {run.checks.length > 0 ? (
        <table className="table compact" data-testid="verification-checks">
          <caption className="sr-only">Checks of the last verification</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col" className="right">
                Violations
              </th>
            </tr>
          </thead>
          <tbody>
            {run.checks.map((c) => (
              <tr key={c.check} data-check={c.check}>
                <td>{c.title}</td>
                <td className={c.violations > 0 ? "right warn-text" : "right"}>
                  {c.violations === 0 ? "ok" : <Count value={c.violations} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {run.violations.length > 0 ? (
        <table className="table compact" data-testid="verification-violations">
          <caption className="sr-only">Violations left</caption>
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Violation</th>
              <th scope="col">Affects</th>
            </tr>
          </thead>
          <tbody>
            {run.violations.map((v, i) => (
              <tr key={i} data-testid="verification-violation" data-check={v.check}>
                <td>
                  {[v.registry, v.repository].filter(Boolean).join("/") || <span className="muted">—</span>}
                  {(v.month ?? v.day) ? <span className="muted"> {v.month ?? v.day}</span> : null}
                </td>
                <td className="message">{v.message}</td>
                <td className="message">{v.affects}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {run.violationCount > run.violations.length ? (
        <p className="muted">
          First {run.violations.length} of {run.violationCount}: <code>npm run verify</code> lists them all.
        </p>
      ) : null}
    </div>
  );
}
