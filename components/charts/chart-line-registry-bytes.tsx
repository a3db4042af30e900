"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/domain/history/series";
import { formatBytes, formatExactBytes, formatShortDay } from "@/lib/format";

const COLORS = ["#2f6fde", "#1a7f4b", "#9a6200", "#b42318", "#7a4fd6", "#0e7c86", "#c2185b", "#5d6b7a"];

/** Attributed bytes per registry and day (a registry's attributed bytes are its stored bytes), one line each. */
export function ChartLineRegistryBytes({ points, registries }: { points: SeriesPoint[]; registries: string[] }) {
  return (
    <div className="chart" data-testid="chart-registry-bytes" data-points={points.length} style={{ height: 320 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="day" tickFormatter={formatShortDay} tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis tickFormatter={(v: number) => formatBytes(v)} tick={{ fontSize: 11 }} width={72} />
          <Tooltip
            labelFormatter={(day) => String(day)}
            formatter={(value, name) => [`${formatBytes(Number(value))} (${formatExactBytes(Number(value))})`, String(name)]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {registries.map((name, i) => (
            <Line key={name} type="monotone" dataKey={name} name={name} stroke={COLORS[i % COLORS.length]} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
