import type { CostSeries } from "@/components/ui/chart-props";
import { ChartTeamCost, type TeamCostBar } from "@/components/chargeback/chart-team-cost";
import { Money } from "@/components/ui/money";
import { Panel } from "@/components/ui/panel";
import type { TeamDetail } from "@/lib/chargeback/server/get-team-detail";

const SERIES: CostSeries[] = [{ key: "cost", label: "Allocated cost", color: "#2f6fde" }];

/** Micro-units to currency units for the chart's geometry only; the table beside it prints the exact values. */
function toBars(detail: TeamDetail): TeamCostBar[] {
  return detail.trend.map((m) => ({ month: m.month, cost: Number(m.micros) / 1_000_000 }));
}

/** The team's cost over the last months, each allocated with today's rules. */
export function TeamTrendPanel({ detail }: { detail: TeamDetail }) {
  return (
    <Panel title="Cost by month" testId="team-trend">
      <ChartTeamCost data={toBars(detail)} series={SERIES} currency={detail.currency} />
      <table className="table compact" data-testid="team-trend-table">
        <caption className="sr-only">Allocated cost of {detail.team} by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="right">
              Allocated cost
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.trend.map((m) => (
            <tr key={m.month} data-testid="team-trend-month" data-month={m.month}>
              <td>{m.month}</td>
              <td className="right">
                <Money micros={m.micros} currency={detail.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">A running month counts to today. Earlier months use the same rules as this one.</p>
    </Panel>
  );
}
