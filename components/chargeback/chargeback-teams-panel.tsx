import Link from "next/link";
import { COST_KIND_LABELS } from "@/components/ui/cost-kind-labels";
import { Money } from "@/components/ui/money";
import { teamHref } from "@/components/chargeback/team-urls";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import type {
  ChargebackMonth,
  TeamDrill,
  TeamRegistryDrill,
  TeamTotal,
} from "@/lib/chargeback/server/get-chargeback-month";
import { comparedLabels } from "@/components/ui/compared-days-labels";
import { chargebackCsvHref } from "./chargeback-urls";

const COLUMNS = 6;

/** One row per team, its registries and their repositories in a row beneath it that opens (no JavaScript needed). */
export function ChargebackTeamsPanel({ view }: { view: ChargebackMonth }) {
  const csv = (
    <a
      className="button secondary"
      href={chargebackCsvHref({
        month: view.month,
        scale: view.scaleToBilled,
        currentRules: view.rules.basis === "current",
      })}
      download
      data-testid="download-chargeback-csv"
    >
      Download CSV
    </a>
  );
  const drills = new Map(view.teams.map((t) => [t.team, t]));
  const labels = comparedLabels(view.compared);
  return (
    <Panel title="By team" actions={csv} testId="chargeback-teams">
      {view.byTeam.length === 0 ? (
        <EmptyState>
          No cost in {view.month} or {view.previousMonth}: no registry has a snapshot in these months.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table compact" data-testid="chargeback-teams-table">
            <caption className="sr-only">
              Charge by team, {labels.current} against {labels.previous}
            </caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Cost center</th>
                <th scope="col" className="right" title="Attributed bytes of its repositories on the last day covered">
                  Storage
                </th>
                <th scope="col" className="right">
                  {labels.previous}
                </th>
                <th scope="col" className="right">
                  Change
                </th>
                <th scope="col" className="right">
                  {labels.current}
                </th>
              </tr>
            </thead>
            {view.byTeam.map((team) => (
              <TeamRows key={team.team} team={team} drill={drills.get(team.team)} view={view} />
            ))}
          </table>
        </div>
      )}
    </Panel>
  );
}

/** A team's figures, then its drill-down: one row group per team, so a test or a reader finds both together. */
function TeamRows({ team, drill, view }: { team: TeamTotal; drill: TeamDrill | undefined; view: ChargebackMonth }) {
  return (
    <tbody data-testid="chargeback-team" data-team={team.team}>
      <tr className="team-line">
        <th scope="row">
          <Link href={teamHref(team.team, view.month)} data-testid="chargeback-team-link">
            {team.team}
          </Link>
        </th>
        <td className="muted">{team.costCenter || "—"}</td>
        <td className="right">
          <Bytes value={team.attributedBytes} />
        </td>
        <td className="right">
          <Money micros={team.previousMicros} currency={view.currency} />
        </td>
        <td className="right">
          <Money micros={team.deltaMicros} currency={view.currency} />
        </td>
        <td className="right strong">
          <Money micros={team.micros} currency={view.currency} testId="chargeback-team-total" />
        </td>
      </tr>
      <tr>
        <td colSpan={COLUMNS} className="team-drill">
          <details>
            <summary className="muted small">Registries and repositories of {team.team}</summary>
            <div style={{ marginLeft: 16 }}>
              {drill === undefined || drill.registries.length === 0 ? (
                <p className="muted small">No cost in {view.month}.</p>
              ) : (
                drill.registries.map((registry) => (
                  <TeamRegistry key={registry.registry} registry={registry} currency={view.currency} />
                ))
              )}
            </div>
          </details>
        </td>
      </tr>
    </tbody>
  );
}

function TeamRegistry({ registry, currency }: { registry: TeamRegistryDrill; currency: string }) {
  return (
    <details data-testid="chargeback-team-registry" data-registry={registry.registry} style={{ padding: "2px 0" }}>
      <summary style={{ cursor: "pointer" }}>
        {registry.registry} ·{" "}
        <Money micros={registry.micros} currency={currency} testId="chargeback-team-registry-total" />{" "}
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
        <caption className="sr-only">Repositories of {registry.registry} the team is charged for</caption>
        <thead>
          <tr>
            <th scope="col">Repository</th>
            <th scope="col" className="right">
              Attributed bytes (last day)
            </th>
            <th
              scope="col"
              className="right"
              title="Its share of the team's storage and replica storage in this registry (estimate, never scaled)"
            >
              Storage + replica storage
            </th>
          </tr>
        </thead>
        <tbody>
          {registry.repositories.map((repo) => (
            <tr
              key={repo.repository ?? "(none)"}
              data-testid="chargeback-team-repository"
              data-repository={repo.repository ?? ""}
            >
              <td>{repo.repository ?? <span className="muted">days with cost but no repository bytes</span>}</td>
              <td className="right">
                <Bytes value={repo.attributedBytes} />
              </td>
              <td className="right">
                <Money micros={repo.storageMicros} currency={currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
