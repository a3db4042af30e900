"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/format";
import { ChartDataTable } from "../ui/chart-data-table";
import { Count } from "../ui/count";
import { dayAxisProps } from "../ui/chart-props";

export type CountPoint = { day: string; tags: number; manifests: number };

/** Tags and manifests per day. */
export function ChartLineTagManifestCounts({ points, testId }: { points: CountPoint[]; testId: string }) {
  return (
    <>
      <div className="chart" data-testid={testId} data-points={points.length} style={{ height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis {...dayAxisProps} />
            <YAxis
              tickFormatter={(v: number) => formatCount(v)}
              tick={{ fontSize: 11 }}
              width={60}
              allowDecimals={false}
            />
            <Tooltip
              labelFormatter={(day) => String(day)}
              formatter={(value, name) => [formatCount(Number(value)), String(name)]}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="monotone"
              dataKey="manifests"
              name="Manifests"
              stroke="#2f6fde"
              dot={false}
              isAnimationActive={false}
            />
            <Line type="monotone" dataKey="tags" name="Tags" stroke="#9a6200" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartDataTable
        caption="Manifests and tags per day"
        rowHeader="Day"
        columns={["Manifests", "Tags"]}
        rows={points.map((p) => ({
          key: p.day,
          label: p.day,
          cells: [<Count key="manifests" value={p.manifests} />, <Count key="tags" value={p.tags} />],
        }))}
        testId={`${testId}-data`}
      />
    </>
  );
}
