"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Bytes } from "../ui/bytes";
import { ChartDataTable } from "../ui/chart-data-table";
import { bytesAxisProps, bytesByDayTooltipProps, dayAxisProps } from "../ui/chart-props";

export type RepositoryBytesPoint = { day: string; attributedBytes: number; uniqueBytes: number };

/** A repository's (or a set's) attributed bytes per day, with its unique bytes beneath. */
export function ChartAreaRepositoryBytes({ points }: { points: RepositoryBytesPoint[] }) {
  return (
    <>
      <div className="chart" data-testid="chart-repository-bytes" data-points={points.length} style={{ height: 300 }}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis {...dayAxisProps} />
            <YAxis {...bytesAxisProps} />
            <Tooltip {...bytesByDayTooltipProps} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Area
              type="monotone"
              dataKey="attributedBytes"
              name="Attributed"
              stroke="#2f6fde"
              fill="#2f6fde"
              fillOpacity={0.15}
              isAnimationActive={false}
            />
            <Area
              type="monotone"
              dataKey="uniqueBytes"
              name="Unique"
              stroke="#1a7f4b"
              fill="#1a7f4b"
              fillOpacity={0.15}
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <ChartDataTable
        caption="Attributed and unique bytes per day"
        rowHeader="Day"
        columns={["Attributed", "Unique"]}
        rows={points.map((p) => ({
          key: p.day,
          label: p.day,
          cells: [<Bytes key="attributed" value={p.attributedBytes} />, <Bytes key="unique" value={p.uniqueBytes} />],
        }))}
        testId="chart-repository-bytes-data"
      />
    </>
  );
}
