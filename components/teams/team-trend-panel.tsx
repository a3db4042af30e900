import { ChartTeamCost, type TeamCostBar, type TeamCostSeries } from "@/components/charts/chart-team-cost";
import { COST_KIND_LABELS } from "@/components/costs/cost-kind-labels";
import { Money } from "@/components/costs/money";
import { Panel } from "@/components/ui/panel";
import { COST_KINDS, type CostKind } from "@/lib/domain/cost/types";
import type { TeamDetailView } from "./team-view";

const KIND_COLORS: Record<CostKind, string> = {
  unit: "#2f6fde",
  storage: "#1a7f4b",
  replication_unit: "#9a6200",
  replication_storage: "#b42318",
  tasks: "#7a4fd6",
};

const SERIES: TeamCostSeries[] = COST_KINDS.map((kind) => ({ key: kind, label: COST_KIND_LABELS[kind], color: KIND_COLORS[kind] }));

/** Micro-units to currency units for the chart's geometry only; the table below prints the exact values. */
function toBars(detail: TeamDetailView): TeamCostBar[] {
  return detail.trend.map((m) => ({ month: m.month, ...Object.fromEntries(m.byKind.map((k) => [k.kind, Number(k.micros) / 1_000_000])) }));
}

/** The team's cost over the trailing months, allocated with today's rules. */
export function TeamTrendPanel({ detail }: { detail: TeamDetailView }) {
  return (
    <Panel title="Cost by month" testId="team-trend">
      <ChartTeamCost data={toBars(detail)} series={SERIES} currency={detail.currency} />
      <table className="table compact" data-testid="team-trend-table">
        <tbody>
          {detail.trend.map((m) => (
            <tr key={m.month} data-testid="team-trend-month" data-month={m.month}>
              <td>{m.month}</td>
              <td className="right"><Money micros={m.totalMicros} currency={detail.currency} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
