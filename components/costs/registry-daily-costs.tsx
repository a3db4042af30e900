import { ChartBarDailyCost, type DailyCostBar } from "@/components/costs/chart-bar-daily-cost";
import type { CostSeries } from "@/components/ui/chart-props";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState, Panel } from "@/components/ui/panel";
import { COST_KINDS, type CostKind } from "@/lib/costs/types";
import type { RegistryDailyCosts } from "@/lib/costs/server/get-registry-daily-costs";
import { COST_KIND_LABELS } from "../ui/cost-kind-labels";
import { Money } from "../ui/money";

const KIND_COLORS: Record<CostKind, string> = {
  unit: "#2f6fde",
  storage: "#1a7f4b",
  replication_unit: "#9a6200",
  replication_storage: "#b42318",
  tasks: "#7a4fd6",
};

const SERIES: CostSeries[] = COST_KINDS.map((kind) => ({
  key: kind,
  label: COST_KIND_LABELS[kind],
  color: KIND_COLORS[kind],
}));

/** Micro-units to currency units for the chart's geometry only; tables print the exact values. */
function toBars(costs: RegistryDailyCosts): DailyCostBar[] {
  return costs.daily.map((d) => ({
    day: d.day,
    ...Object.fromEntries(COST_KINDS.map((kind) => [kind, Number(d.costs[kind]) / 1_000_000])),
  }));
}

export function RegistryDailyCostChart({ costs }: { costs: RegistryDailyCosts }) {
  return (
    <Panel title="Daily cost by kind" testId="registry-daily-chart">
      {costs.daily.length === 0 ? (
        <EmptyState>No day of this month is covered.</EmptyState>
      ) : (
        <ChartBarDailyCost data={toBars(costs)} series={SERIES} currency={costs.pricing.currency} />
      )}
    </Panel>
  );
}

export function RegistryCostLines({ costs }: { costs: RegistryDailyCosts }) {
  const currency = costs.pricing.currency;
  return (
    <Panel title={`Month: ${costs.days} days`} testId="registry-cost-lines">
      <table className="table compact">
        <caption className="sr-only">Cost lines of the month: quantity, unit price and cost per kind</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col" className="right">
              Quantity
            </th>
            <th scope="col">Unit</th>
            <th scope="col" className="right">
              Unit price
            </th>
            <th scope="col" className="right">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {costs.lines.map((line) => (
            <tr key={line.kind} data-testid="registry-cost-line" data-kind={line.kind}>
              <td>{COST_KIND_LABELS[line.kind]}</td>
              <td className="right num">{line.quantity}</td>
              <td>{line.unit}</td>
              <td className="right">
                <Money micros={line.unitPriceMicros} currency={currency} />
              </td>
              <td className="right">
                <Money micros={line.costMicros} currency={currency} />
              </td>
            </tr>
          ))}
          <tr className="strong">
            <td colSpan={4}>Total</td>
            <td className="right">
              <Money micros={costs.totalMicros} currency={currency} testId="registry-cost-total" />
            </td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}

export function RegistryDailyCostTable({ costs }: { costs: RegistryDailyCosts }) {
  const currency = costs.pricing.currency;
  return (
    <Panel title="Day by day" testId="registry-daily-table">
      <div className="table-scroll">
        <table className="table compact">
          <caption className="sr-only">Stored bytes and cost per kind, day by day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="right">
                Stored (S)
              </th>
              {COST_KINDS.map((kind) => (
                <th scope="col" key={kind} className="right">
                  {COST_KIND_LABELS[kind]}
                </th>
              ))}
              <th scope="col" className="right">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {costs.daily.map((d) => (
              <tr key={d.day} data-testid="registry-cost-day" data-day={d.day}>
                <td>
                  {d.day}{" "}
                  {d.carriedForward ? (
                    <span className="muted small" title="No snapshot that day: the previous one carried forward">
                      (carried)
                    </span>
                  ) : null}
                </td>
                <td className="right">
                  <Bytes value={d.storedBytes} />
                </td>
                {COST_KINDS.map((kind) => (
                  <td key={kind} className="right">
                    <Money micros={d.costs[kind]} currency={currency} />
                  </td>
                ))}
                <td className="right strong">
                  <Money micros={d.totalMicros} currency={currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
