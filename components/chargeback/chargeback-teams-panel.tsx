import Link from "next/link";
import { COST_KIND_LABELS } from "@/components/ui/cost-kind-labels";
import { Money } from "@/components/ui/money";
import { teamHref } from "@/components/chargeback/team-urls";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { ChargebackMonth, TeamDrill, TeamRegistryDrill, TeamTotal } from "@/lib/chargeback/server/get-chargeback-month";
import { chargebackCsvHref } from "./chargeback-urls";

const GRID = { display: "grid", gridTemplateColumns: "minmax(160px, 2fr) 1fr 1fr repeat(3, minmax(90px, 1fr))", gap: 8, alignItems: "baseline" } as const;

/** One line per team; open it for its registries, open a registry for its repositories (no JavaScript needed). */
export function ChargebackTeamsPanel({ view }: { view: ChargebackMonth }) {
  const csv = (
    <a className="button secondary" href={chargebackCsvHref({ month: view.month, scale: view.scaleToBilled })} download data-testid="download-chargeback-csv">
      Download CSV
    </a>
  );
  const drills = new Map(view.teams.map((t) => [t.team, t]));
  return (
    <Panel title="By team" actions={csv} testId="chargeback-teams">
      {view.byTeam.length === 0 ? (
        <EmptyState>No cost in {view.month} or {view.previousMonth}: no registry has a snapshot in these months.</EmptyState>
      ) : (
        <div className="stack" style={{ gap: 0 }}>
          <div style={{ ...GRID, padding: "4px 8px 4px 24px" }} className="muted small strong">
            <span>Team</span>
            <span>Cost center</span>
            <span className="right" title="Attributed bytes of its repositories on the last day covered">Storage</span>
            <span className="right">{view.previousMonth}</span>
            <span className="right">Change</span>
            <span className="right">{view.month}</span>
          </div>
          {view.byTeam.map((team) => (
            <TeamLine key={team.team} team={team} drill={drills.get(team.team)} view={view} />
          ))}
        </div>
      )}
    </Panel>
  );
}

function TeamLine({ team, drill, view }: { team: TeamTotal; drill: TeamDrill | undefined; view: ChargebackMonth }) {
  return (
    <details data-testid="chargeback-team" data-team={team.team} style={{ borderTop: "1px solid var(--border)", padding: "6px 8px" }}>
      <summary style={{ cursor: "pointer" }}>
        <span style={{ ...GRID, display: "inline-grid", width: "calc(100% - 24px)" }}>
          <Link href={teamHref(team.team, view.month)} data-testid="chargeback-team-link">{team.team}</Link>
          <span className="muted">{team.costCenter || "—"}</span>
          <span className="right"><Bytes value={team.attributedBytes} /></span>
          <span className="right"><Money micros={team.previousMicros} currency={view.currency} /></span>
          <span className="right"><Money micros={team.deltaMicros} currency={view.currency} /></span>
          <span className="right strong"><Money micros={team.micros} currency={view.currency} testId="chargeback-team-total" /></span>
        </span>
      </summary>
      <div style={{ marginLeft: 24 }}>
        {drill === undefined || drill.registries.length === 0 ? (
          <p className="muted small">No cost in {view.month}.</p>
        ) : (
          drill.registries.map((registry) => <TeamRegistry key={registry.registry} registry={registry} currency={view.currency} />)
        )}
      </div>
    </details>
  );
}

function TeamRegistry({ registry, currency }: { registry: TeamRegistryDrill; currency: string }) {
  return (
    <details data-testid="chargeback-team-registry" data-registry={registry.registry} style={{ padding: "2px 0" }}>
      <summary style={{ cursor: "pointer" }}>
        {registry.registry} · <Money micros={registry.micros} currency={currency} testId="chargeback-team-registry-total" />{" "}
        <span className="muted small">
          ({registry.repositories.length} repositories ·{" "}
          {registry.byKind.map((k, i) => (
            <span key={k.kind} data-testid="chargeback-team-kind" data-kind={k.kind}>
              {i > 0 ? ", " : ""}
              {COST_KIND_LABELS[k.kind]} <Money micros={k.micros} currency={currency} />
            </span>
          ))}
          )
        </span>
      </summary>
      <table className="table compact" style={{ marginLeft: 16, width: "calc(100% - 16px)" }}>
        <thead>
          <tr>
            <th>Repository</th>
            <th className="right">Attributed bytes (last day)</th>
            <th className="right" title="Its share of the team's storage and replica storage in this registry (estimate, never scaled)">Storage + replica storage</th>
          </tr>
        </thead>
        <tbody>
          {registry.repositories.map((repo) => (
            <tr key={repo.repository ?? "(none)"} data-testid="chargeback-team-repository" data-repository={repo.repository ?? ""}>
              <td>{repo.repository ?? <span className="muted">days with cost but no repository bytes</span>}</td>
              <td className="right"><Bytes value={repo.attributedBytes} /></td>
              <td className="right"><Money micros={repo.storageMicros} currency={currency} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
