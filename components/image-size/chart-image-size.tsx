"use client";

import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { isoDay } from "@/lib/calendar";
import { formatBytes, formatExactBytes, formatShortDigest } from "@/lib/format";

export type ImageSizePoint = {
  /** Creation time in ms since the epoch (the x axis). */
  t: number;
  digest: string;
  sizeBytes: number;
  baselineBytes: number | null;
  growthPct: string | null;
  flagged: boolean;
};
export type ImageSizeSeries = { architecture: string; points: ImageSizePoint[] };

const COLORS = ["var(--accent)", "#8b5cf6", "#0d9488", "#d97706"];
const FLAGGED = "var(--bad)";

function PointShape({
  cx,
  cy,
  payload,
  fill,
  architecture,
}: {
  cx?: number;
  cy?: number;
  payload?: ImageSizePoint;
  fill?: string;
  architecture: string;
}) {
  if (cx === undefined || cy === undefined || !payload) return null;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={payload.flagged ? 6 : 3}
      fill={payload.flagged ? FLAGGED : fill}
      stroke={payload.flagged ? "#fff" : "none"}
      data-testid="size-point"
      data-architecture={architecture}
      data-digest={payload.digest}
      data-size-bytes={payload.sizeBytes}
      data-flagged={payload.flagged}
    />
  );
}

function PointTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { payload?: ImageSizePoint; name?: unknown }[];
}) {
  const point = active ? payload?.find((p) => p.payload?.digest)?.payload : undefined;
  if (!point) return null;
  return (
    <div className="chart-tooltip">
      <div className="strong">
        {isoDay(point.t)} · {formatShortDigest(point.digest)}
      </div>
      <div>
        Size: {formatBytes(point.sizeBytes)} ({formatExactBytes(point.sizeBytes)})
      </div>
      <div>Baseline: {point.baselineBytes === null ? "none (first image)" : formatBytes(point.baselineBytes)}</div>
      {point.growthPct === null ? null : (
        <div className={point.flagged ? "bad" : undefined}>
          Growth: {point.growthPct}%{point.flagged ? " (flagged)" : ""}
        </div>
      )}
    </div>
  );
}

/** Image size per build, one series per architecture: each image a point, its baseline a dashed line, flagged images in red. */
export function ChartImageSize({ series }: { series: ImageSizeSeries[] }) {
  if (series.every((s) => s.points.length === 0)) {
    return (
      <p className="empty" data-testid="chart-image-size-empty">
        No image manifests in this repository (indexes, signatures and SBOMs have no size of their own).
      </p>
    );
  }
  return (
    <div className="chart" data-testid="chart-image-size" style={{ height: 320 }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--border)" />
          <XAxis
            type="number"
            dataKey="t"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={isoDay}
            tick={{ fontSize: 11 }}
            allowDuplicatedCategory={false}
          />
          <YAxis
            type="number"
            tickFormatter={(v: number) => formatBytes(v)}
            tick={{ fontSize: 11 }}
            width={72}
            domain={["auto", "auto"]}
          />
          <Tooltip content={PointTooltip} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Line
              key={`baseline-${s.architecture}`}
              data={s.points}
              dataKey="baselineBytes"
              name={`${s.architecture} baseline`}
              stroke={COLORS[i % COLORS.length]}
              strokeDasharray="4 3"
              dot={false}
              activeDot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
          {series.map((s, i) => (
            <Scatter
              key={s.architecture}
              data={s.points}
              dataKey="sizeBytes"
              name={s.architecture}
              fill={COLORS[i % COLORS.length]}
              isAnimationActive={false}
              shape={(props: { cx?: number; cy?: number; payload?: ImageSizePoint }) => (
                <PointShape {...props} fill={COLORS[i % COLORS.length]} architecture={s.architecture} />
              )}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
