import Link from "next/link";
import { ChartImageSize } from "@/components/image-size/chart-image-size";
import { Bytes } from "@/components/ui/bytes";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { Access } from "@/lib/auth/access";
import type { TrendSettings } from "@/lib/image-size/image-size";
import { formatBaseline, formatMaxGrowth } from "@/lib/image-size/settings";
import { getRepositorySizeTrend } from "@/lib/image-size/server/get-repository-size-trend";
import { imageSizeTrendsCsvHref } from "../storage-history/trend-urls";
import { formatShortDigest } from "@/lib/format";

const TABLE_ROWS = 50;

/** Image size per build: the chart (every image) and the newest images with their growth. */
export async function ImageSizePanel({
  registry,
  repository,
  settings,
  access,
}: {
  registry: string;
  repository: string;
  settings: TrendSettings;
  access: Access;
}) {
  const series = await getRepositorySizeTrend(registry, repository, settings, access);
  const baseline = formatBaseline(settings.baseline);
  const maxGrowth = formatMaxGrowth(settings.maxGrowth);
  const rows = series
    .flatMap((s) => s.points.map((p) => ({ ...p, architecture: s.architecture })))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.digest < b.digest ? 1 : -1));
  const basis =
    settings.baseline.kind === "previous"
      ? "the previous image"
      : `the median of the previous ${settings.baseline.count} images`;
  return (
    <Panel
      title="Image size per build"
      testId="image-size-panel"
      actions={
        <a href={imageSizeTrendsCsvHref({ registry, repository, baseline, maxGrowth })} data-testid="image-size-csv">
          CSV
        </a>
      }
    >
      <p className="muted">
        Config + layers of each image manifest, per architecture, in creation order; baseline: {basis}; flagged above{" "}
        {maxGrowth} growth.
      </p>
      <ChartImageSize
        series={series.map((s) => ({
          architecture: s.architecture,
          points: s.points.map((p) => ({ ...p, t: Date.parse(p.createdAt) })),
        }))}
      />
      {rows.length === 0 ? (
        <EmptyState>No images.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table compact" data-testid="image-size-table">
            <caption className="sr-only">Newest images with their size, baseline and growth</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Architecture</th>
                <th scope="col">Digest</th>
                <th scope="col" className="right">
                  Size
                </th>
                <th scope="col" className="right">
                  Baseline
                </th>
                <th scope="col" className="right">
                  Growth
                </th>
                <th scope="col">
                  <span className="sr-only">Regression</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, TABLE_ROWS).map((r) => (
                <tr
                  key={`${r.architecture}${r.digest}`}
                  data-testid="image-size-row"
                  data-digest={r.digest}
                  data-flagged={r.flagged}
                >
                  <td>
                    <DateTime iso={r.createdAt} />
                  </td>
                  <td>{r.architecture}</td>
                  <td className="mono" title={r.digest}>
                    {formatShortDigest(r.digest)}
                  </td>
                  <td className="right">
                    <Bytes value={r.sizeBytes} />
                  </td>
                  <td className="right">
                    <Bytes value={r.baselineBytes} />
                  </td>
                  <td className="right">
                    {r.growthPct === null ? (
                      <span className="muted">—</span>
                    ) : (
                      `${r.growthPct.startsWith("-") ? "" : "+"}${r.growthPct}%`
                    )}
                  </td>
                  <td>{r.flagged ? <span className="badge badge-bad">regression</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > TABLE_ROWS ? (
            <p className="muted">
              The newest {TABLE_ROWS} of {rows.length} images; the CSV has them all.
            </p>
          ) : null}
        </div>
      )}
      <p className="muted">
        Gate a pipeline on this:{" "}
        <code>
          npm run gate -- --image &lt;login-server&gt;/{repository}:&lt;tag&gt; --max-growth {maxGrowth} --baseline{" "}
          {baseline}
        </code>
      </p>
      <Link href="/size-regressions">All size regressions →</Link>
    </Panel>
  );
}
