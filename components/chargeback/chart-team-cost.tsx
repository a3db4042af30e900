"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { currencyAxisProps, type CostSeries } from "../ui/chart-props";

/** One bar per month; each series key holds that part of the team's cost in currency units (display only). */
export type TeamCostBar = { month: string } & Record<string, number | string>;

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11" → "Nov 26": short enough for twelve ticks on a narrow screen. */
function monthTick(month: string): string {
  const [year, number] = month.split("-");
  return `${MONTH_NAMES[Number(number) - 1] ?? number} ${year.slice(2)}`;
}

/** A team's monthly cost over the trailing months, stacked by cost kind; the exact figures are in the tables. */
export function ChartTeamCost({
  data,
  series,
  currency,
}: {
  data: TeamCostBar[];
  series: CostSeries[];
  currency: string;
}) {
  const empty = data.every((bar) => series.every((s) => !Number(bar[s.key])));
  if (data.length === 0 || empty) {
    return (
      <p className="empty" data-testid="chart-team-cost-empty">
        No cost in these months: the team owned no repository, or no snapshot covers them.
      </p>
    );
  }
  return (
    <div className="chart" data-testid="chart-team-cost" style={{ height: 280 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="month" tickFormatter={monthTick} tick={{ fontSize: 11 }} />
          <YAxis
            {...currencyAxisProps}
            width={64}
            label={{ value: currency, angle: -90, position: "insideLeft", fontSize: 11 }}
          />
          <Tooltip
            labelFormatter={(label) => monthTick(String(label))}
            formatter={(value, name) => [`${currency} ${Number(value).toFixed(2)}`, String(name)]}
            cursor={{ fill: "var(--hover)" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="cost" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
