import { Bytes } from "@/components/ui/bytes";
import { Money } from "@/components/ui/money";
import { EmptyState, Panel } from "@/components/ui/panel";
import { listTeamAnomalies, type AnomalyRise, type TeamAnomaly } from "@/lib/anomalies/server/list-team-anomalies";
import type { Access } from "@/lib/auth/access";
import { formatShortDigest } from "@/lib/format";

/** An amount in the jump's own unit: bytes for a repository, the currency for the team's daily cost. */
function Amount({ amounts, field }: { amounts: AnomalyRise; field: "rise" | "threshold" | "value" | "previous" }) {
  return amounts.unit === "bytes" ? (
    <Bytes value={amounts[field]} />
  ) : (
    <Money micros={amounts[field]} currency={amounts.currency} />
  );
}

function What({ anomaly }: { anomaly: TeamAnomaly }) {
  const from = (
    <span className="muted small" style={{ display: "block" }}>
      <Amount amounts={anomaly.amounts} field="previous" /> → <Amount amounts={anomaly.amounts} field="value" />
    </span>
  );
  if (anomaly.subject === "team") return <>Daily cost{from}</>;
  return (
    <>
      <span className="mono">
        {anomaly.registry}/{anomaly.repository}
      </span>
      {from}
    </>
  );
}

function Causes({ anomaly }: { anomaly: TeamAnomaly }) {
  if (anomaly.causes.length === 0) return <span className="muted">nothing pushed that day</span>;
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {anomaly.causes.map((c) => (
        <li key={`${c.registry}/${c.repository}@${c.digest}`} data-testid="team-anomaly-cause" data-digest={c.digest}>
          {anomaly.subject === "team" ? <span className="mono">{`${c.registry}/${c.repository}`} </span> : null}
          {c.tags.length > 0 ? (
            <span className="mono">{c.tags.join(", ")}</span>
          ) : (
            <span className="muted">untagged</span>
          )}{" "}
          <span className="mono muted small" title={c.digest}>
            {formatShortDigest(c.digest)}
          </span>{" "}
          <Bytes value={c.bytes} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The team's jumps of the month (its daily cost, its repositories' bytes), found after syncs and
 * raised as alerts, each with what was pushed that day. Renders nothing for a team the access
 * may not read (the page answers notFound() before).
 */
export async function TeamAnomaliesPanel({ team, month, access }: { team: string; month: string; access: Access }) {
  const anomalies = await listTeamAnomalies(team, month, { access });
  if (anomalies === null) return null;
  return (
    <Panel title={`Anomalies in ${month}`} testId="team-anomalies">
      {anomalies.length === 0 ? (
        <EmptyState>
          No jump was found in {month}: neither {team}&apos;s daily cost nor its repositories&apos; bytes rose beyond
          their usual daily rise.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table compact" data-testid="team-anomalies-table" data-count={anomalies.length}>
            <caption className="sr-only">Jumps in {team}&apos;s daily cost and repositories, newest day first</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">What jumped</th>
                <th scope="col" className="right">
                  Rise
                </th>
                <th
                  scope="col"
                  className="right"
                  title="The rise had to exceed this: the median rise of the 30 days before plus 3 median absolute deviations, or the floor (1 GiB; 1 % of the team's month)"
                >
                  Usual rise under
                </th>
                <th scope="col">Pushed that day (largest first)</th>
              </tr>
            </thead>
            <tbody>
              {anomalies.map((a) => (
                <tr
                  key={a.key}
                  data-testid="team-anomaly-row"
                  data-subject={a.subject}
                  data-day={a.day}
                  data-repository={a.repository ?? ""}
                  title={a.summary}
                >
                  <td className="num">{a.day}</td>
                  <td>
                    <What anomaly={a} />
                  </td>
                  <td className="right">
                    <Amount amounts={a.amounts} field="rise" />
                  </td>
                  <td className="right">
                    <Amount amounts={a.amounts} field="threshold" />
                  </td>
                  <td>
                    <Causes anomaly={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
