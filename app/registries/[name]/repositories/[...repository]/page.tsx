import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { RecentTagMoves } from "@/components/storage-history/recent-tag-moves";
import { registryHref } from "@/components/storage/registry-urls";
import { ImageSizePanel } from "@/components/image-size/image-size-panel";
import { Bytes } from "@/components/ui/bytes";
import { Count } from "@/components/ui/count";
import { DateTime } from "@/components/ui/date-time";
import { DefinitionList } from "@/components/ui/definition-list";
import { Panel } from "@/components/ui/panel";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonRows } from "@/components/ui/skeleton";
import { getRepositoryDetail } from "@/lib/storage/server/get-repository-detail";
import { trendSettingsFromQuery } from "@/lib/image-size/trend-params";
import { decodeSegment, firstValues, parseQuery, type UrlSearchParams } from "@/lib/validation";

type Props = { params: Promise<{ name: string; repository: string[] }>; searchParams: Promise<UrlSearchParams> };

async function names(params: Props["params"]) {
  const { name, repository } = await params;
  return { registry: decodeSegment(name), repository: repository.map(decodeSegment).join("/") };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { registry, repository } = await names(params);
  return { title: `${repository} · ${registry}` };
}

/** A repository: its storage, image size per build with regressions, and its tag history. */
export default async function RepositoryPage({ params, searchParams }: Props) {
  const { access } = await authorizePage({ action: "read", teamScoped: true });
  const { registry, repository } = await names(params);
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() => trendSettingsFromQuery(query));
  if (!parsed.ok) return <QueryProblem title={`${registry}/${repository}`} problem={parsed.problem} />;
  const settings = parsed.value;
  const detail = await getRepositoryDetail(registry, repository, access);
  if (!detail) notFound();
  return (
    <>
      <div className="page-header">
        <h1 data-testid="repository-name">{detail.name}</h1>
        <Link href={registryHref(detail.registry)}>{detail.registry}</Link>
        <span className="muted" data-testid="repository-image">
          {detail.loginServer}/{detail.name}
        </span>
        {detail.locked ? <span className="badge badge-warn">locked</span> : null}
      </div>
      <Panel title="Storage" testId="repository-storage">
        <DefinitionList
          items={[
            { label: "Manifests", value: <Count value={detail.manifestCount} /> },
            { label: "Tags", value: <Count value={detail.tagCount} /> },
            { label: "Untagged manifests", value: <Count value={detail.untaggedManifestCount} /> },
            { label: "Logical (sum of manifests)", value: <Bytes value={detail.logicalBytes} /> },
            { label: "Unique (freed by deleting it)", value: <Bytes value={detail.uniqueBytes} /> },
            {
              label: "Attributed (its share of every blob)",
              value: <Bytes value={detail.attributedBytes} testId="repository-attributed-bytes" />,
            },
            { label: "Created", value: <DateTime iso={detail.createdAt} /> },
            { label: "Last update", value: <DateTime iso={detail.lastUpdatedAt} /> },
          ]}
        />
      </Panel>
      <Suspense fallback={<SkeletonRows rows={10} />}>
        <ImageSizePanel registry={detail.registry} repository={detail.name} settings={settings} access={access} />
      </Suspense>
      <Suspense fallback={<SkeletonRows rows={8} />}>
        <RecentTagMoves registry={detail.registry} repository={detail.name} limit={50} access={access} />
      </Suspense>
    </>
  );
}
