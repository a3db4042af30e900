import Link from "next/link";
import { registryHref } from "@/components/storage/registry-urls";
import { repositoryHref } from "@/components/storage/repository-urls";
import { Bytes } from "@/components/ui/bytes";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/panel";
import type { Access } from "@/lib/auth/access";
import type { TrendSettings } from "@/lib/image-size/image-size";
import { listSizeRegressions } from "@/lib/image-size/server/list-size-regressions";
import { formatShortDigest } from "@/lib/format";

/** Every repository and architecture whose newest image grew past the threshold. */
export async function SizeRegressionsTable({ settings, access }: { settings: TrendSettings; access: Access }) {
  const regressions = await listSizeRegressions({}, settings, access);
  if (regressions.length === 0)
    return <EmptyState>No repository&apos;s newest image grew past the threshold.</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="size-regressions-table">
        <caption className="sr-only">Repositories whose newest image grew past the threshold, per architecture</caption>
        <thead>
          <tr>
            <th scope="col">Registry</th>
            <th scope="col">Repository</th>
            <th scope="col">Architecture</th>
            <th scope="col">Newest image</th>
            <th scope="col">Created</th>
            <th scope="col" className="right">
              Size
            </th>
            <th scope="col" className="right">
              Baseline
            </th>
            <th scope="col" className="right">
              Growth
            </th>
          </tr>
        </thead>
        <tbody>
          {regressions.map((r) => (
            <tr
              key={`${r.registry}/${r.repository}/${r.architecture}`}
              data-testid="size-regression-row"
              data-repository={r.repository}
              data-digest={r.image.digest}
            >
              <td>
                <Link href={registryHref(r.registry)}>{r.registry}</Link>
              </td>
              <td className="strong">
                <Link href={repositoryHref(r.registry, r.repository)}>{r.repository}</Link>
              </td>
              <td>{r.architecture}</td>
              <td className="mono" title={r.image.digest}>
                {formatShortDigest(r.image.digest)}
              </td>
              <td>
                <DateTime iso={r.image.createdAt} />
              </td>
              <td className="right">
                <Bytes value={r.image.sizeBytes} />
              </td>
              <td className="right">
                <Bytes value={r.image.baselineBytes} />
              </td>
              <td className="right">
                <span className="badge badge-bad">+{r.image.growthPct}%</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
