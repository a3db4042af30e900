"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/storage-history/series";
import { Bytes } from "../ui/bytes";
import { ChartDataTable } from "../ui/chart-data-table";
import { bytesAxisProps, bytesByDayTooltipProps, dayAxisProps } from "../ui/chart-props";

const COLORS = ["#2f6fde", "#1a7f4b", "#9a6200", "#b42318", "#7a4fd6", "#0e7c86", "#c2185b", "#5d6b7a"];

/** Attributed bytes per registry and day (a registry's attributed bytes are its stored bytes), one line each. */
export function ChartLineRegistryBytes({ points, registries }: { points: SeriesPoint[]; registries: string[] }) {
  return (
    <>
      <div className="chart" data-testid="chart-registry-bytes" data-points={points.length} style={{ height: 320 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis {...dayAxisProps} />
            <YAxis {...bytesAxisProps} />
            <Tooltip {...bytesByDayTooltipProps} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {registries.map((name, i) => (
              <Line
                key={name}
                type="monotone"
                dataKey={name}
                name={name}
                stroke={COLORS[i % COLORS.length]}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartDataTable
        caption="Attributed bytes per registry and day"
        rowHeader="Day"
        columns={registries}
        rows={points.map((p) => ({
          key: p.day,
          label: p.day,
          cells: registries.map((name) => <Bytes key={name} value={typeof p[name] === "number" ? p[name] : null} />),
        }))}
        testId="chart-registry-bytes-data"
      />
    </>
  );
}
