import Link from "next/link";
import { COST_KIND_LABELS } from "@/components/costs/cost-kind-labels";
import { Money } from "@/components/costs/money";
import { teamHref } from "@/components/teams/team-urls";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import { chargebackCsvHref } from "./chargeback-urls";
import type { ChargebackMonthView, ChargebackTeamRegistryView, ChargebackTeamView } from "./chargeback-view";

const GRID = { display: "grid", gridTemplateColumns: "minmax(160px, 2fr) 1fr repeat(3, minmax(90px, 1fr))", gap: 8, alignItems: "baseline" } as const;

/** One line per team; open it for its registries, open a registry for its repositories (no JavaScript needed). */
export function ChargebackTeamsPanel({ view }: { view: ChargebackMonthView }) {
  const csv = (
    <a className="button secondary" href={chargebackCsvHref({ month: view.month, scale: view.scaled })} download data-testid="download-chargeback-csv">
      Download CSV
    </a>
  );
  return (
    <Panel title="By team" actions={csv} testId="chargeback-teams">
      {view.teams.length === 0 ? (
        <EmptyState>No cost in {view.month}: no registry has a snapshot in this month.</EmptyState>
      ) : (
        <div className="stack" style={{ gap: 0 }}>
          <div style={{ ...GRID, padding: "4px 8px 4px 24px" }} className="muted small strong">
            <span>Team</span>
            <span>Cost center</span>
            <span className="right">{view.previousMonth}</span>
            <span className="right">Change</span>
            <span className="right">{view.month}</span>
          </div>
          {view.teams.map((team) => (
            <TeamLine key={team.team} team={team} view={view} />
          ))}
        </div>
      )}
    </Panel>
  );
}

function TeamLine({ team, view }: { team: ChargebackTeamView; view: ChargebackMonthView }) {
  return (
    <details data-testid="chargeback-team" data-team={team.team} style={{ borderTop: "1px solid var(--border)", padding: "6px 8px" }}>
      <summary style={{ cursor: "pointer" }}>
        <span style={{ ...GRID, display: "inline-grid", width: "calc(100% - 24px)" }}>
          <Link href={teamHref(team.team, view.month)} data-testid="chargeback-team-link">{team.team}</Link>
          <span className="muted">{team.costCenter || "—"}</span>
          <span className="right"><Money micros={team.previousMicros} currency={view.currency} /></span>
          <span className="right"><Money micros={team.deltaMicros} currency={view.currency} /></span>
          <span className="right strong"><Money micros={team.totalMicros} currency={view.currency} testId="chargeback-team-total" /></span>
        </span>
      </summary>
      <p className="muted small" style={{ margin: "4px 0 4px 24px" }}>
        {team.byKind.map((k) => (
          <span key={k.kind} data-testid="chargeback-team-kind" data-kind={k.kind} style={{ marginRight: 12 }}>
            {COST_KIND_LABELS[k.kind]} <Money micros={k.micros} currency={view.currency} />
          </span>
        ))}
      </p>
      <div style={{ marginLeft: 24 }}>
        {team.registries.map((registry) => (
          <TeamRegistry key={registry.registry} registry={registry} currency={view.currency} />
        ))}
      </div>
    </details>
  );
}

function TeamRegistry({ registry, currency }: { registry: ChargebackTeamRegistryView; currency: string }) {
  return (
    <details data-testid="chargeback-team-registry" data-registry={registry.registry} style={{ padding: "2px 0" }}>
      <summary style={{ cursor: "pointer" }}>
        {registry.registry} · <Money micros={registry.totalMicros} currency={currency} testId="chargeback-team-registry-total" />{" "}
        <span className="muted small">({registry.repositories.length} repositories)</span>
      </summary>
      <table className="table compact" style={{ marginLeft: 16, width: "calc(100% - 16px)" }}>
        <thead>
          <tr>
            <th>Repository</th>
            <th className="right">Attributed bytes (last day)</th>
            <th className="right">Storage + replica storage</th>
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
