import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { costsHref } from "@/components/costs/cost-urls";
import { MonthPicker } from "@/components/ui/month-picker";
import { RegistryCostsPanels } from "@/components/costs/registry-costs-panels";
import { registryHref } from "@/components/storage/registry-urls";
import { QueryProblem } from "@/components/ui/query-problem";
import { reviewMonthSchema } from "@/lib/costs/cost-params";
import { getRegistryDailyCosts } from "@/lib/costs/server/get-registry-daily-costs";
import { decodeSegment, firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

type Props = { params: Promise<{ registry: string }>; searchParams: Promise<UrlSearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Costs · ${decodeSegment((await params).registry)}` };
}

export default async function RegistryCostsPage({ params, searchParams }: Props) {
  await authorizePage({ action: "read" });
  const name = decodeSegment((await params).registry);
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() => parseInput(reviewMonthSchema, { month: query.month || undefined }));
  if (!parsed.ok) return <QueryProblem title={name} problem={parsed.problem} />;
  const { month } = parsed.value;
  // Awaited before anything renders: a notFound() thrown once streaming began answers 200.
  const costs = await getRegistryDailyCosts({ name, month });
  if (!costs) notFound();
  return (
    <>
      <div className="page-header">
        <h1 data-testid="registry-costs-name">{name}</h1>
        <span className="muted">cost in {month}</span>
        <Link href={costsHref(month)}>← all registries</Link>
        <Link href={registryHref(name)}>registry details</Link>
      </div>
      <MonthPicker action={`/costs/${encodeURIComponent(name)}`} month={month} />
      <RegistryCostsPanels costs={costs} />
    </>
  );
}
