import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { registryCostsHref } from "@/components/costs/cost-urls";
import { RegistryFindingsLink } from "@/components/findings/registry-findings-link";
import { RecentTagMoves } from "@/components/storage-history/recent-tag-moves";
import { RegistryProperties } from "@/components/storage/registry-properties";
import { RegistryReplicas, RegistryWebhooks } from "@/components/storage/registry-replicas-webhooks";
import { RegistryStorage } from "@/components/storage/registry-storage";
import { RegistryTasks } from "@/components/storage/registry-tasks";
import { SkeletonRows } from "@/components/ui/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import { getRegistryDetail } from "@/lib/storage/server/get-registry-detail";
import { decodeSegment } from "@/lib/validation";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: decodeSegment(name) };
}

export default async function RegistryPage({ params }: Props) {
  const { access } = await authorizePage({ action: "read" });
  const { name } = await params;
  const detail = await getRegistryDetail({ name: decodeSegment(name) });
  if (!detail) notFound();
  return (
    <>
      <div className="page-header">
        <h1 data-testid="registry-name">{detail.properties.name}</h1>
        <StatusBadge status={detail.properties.provisioningState} />
        <span className="muted">
          {detail.properties.skuName} · {detail.properties.location}
        </span>
        <Suspense fallback={<span className="muted">Findings…</span>}>
          <RegistryFindingsLink registry={detail.properties.name} />
        </Suspense>
        <Link
          href={registryCostsHref(detail.properties.name, new Date().toISOString().slice(0, 7))}
          data-testid="registry-costs-link"
        >
          Costs
        </Link>
      </div>
      <RegistryStorage detail={detail} />
      <RegistryProperties detail={detail} />
      <div className="grid-2">
        <RegistryReplicas detail={detail} />
        <RegistryWebhooks detail={detail} />
      </div>
      <RegistryTasks detail={detail} />
      <Suspense fallback={<SkeletonRows rows={5} />}>
        <RecentTagMoves registry={detail.properties.name} access={access} />
      </Suspense>
    </>
  );
}
