"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { currencyAxisProps, type CostSeries } from "../ui/chart-props";

/** One bar per day; each series key holds that kind's cost in currency units (display only). */
export type DailyCostBar = { day: string } & Record<string, number | string>;

/** A registry's daily cost, stacked by cost kind; the exact figures live in the table beside it. */
export function ChartBarDailyCost({
  data,
  series,
  currency,
}: {
  data: DailyCostBar[];
  series: CostSeries[];
  currency: string;
}) {
  return (
    <div className="chart" data-testid="chart-daily-cost" style={{ height: 300 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(8)} tick={{ fontSize: 11 }} />
          <YAxis {...currencyAxisProps} width={60} />
          <Tooltip
            formatter={(value, name) => [`${currency} ${Number(value).toFixed(4)}`, String(name)]}
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
