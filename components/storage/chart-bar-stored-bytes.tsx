"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes, formatExactBytes } from "@/lib/format";
import { Bytes } from "../ui/bytes";
import { ChartDataTable } from "../ui/chart-data-table";

export type StoredBytesBar = { name: string; storedBytes: number };

/** Horizontal bars of stored bytes per registry; the data arrive ready from the server. */
export function ChartBarStoredBytes({ data }: { data: StoredBytesBar[] }) {
  const height = Math.max(160, data.length * 28 + 40);
  return (
    <>
      <div className="chart" data-testid="chart-stored-bytes" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" tickFormatter={(v: number) => formatBytes(v)} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11 }} interval={0} />
            <Tooltip
              formatter={(value) => [`${formatBytes(Number(value))} (${formatExactBytes(Number(value))})`, "Stored"]}
              cursor={{ fill: "var(--hover)" }}
            />
            <Bar dataKey="storedBytes" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartDataTable
        caption="Stored bytes by registry"
        rowHeader="Registry"
        columns={["Stored"]}
        rows={data.map((bar) => ({
          key: bar.name,
          label: bar.name,
          cells: [<Bytes key="stored" value={bar.storedBytes} />],
        }))}
        testId="chart-stored-bytes-data"
      />
    </>
  );
}
