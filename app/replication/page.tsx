import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { Suspense } from "react";
import { MonthPicker } from "@/components/ui/month-picker";
import { ReplicaCostsPanel } from "@/components/costs/replica-costs-panel";
import { WhatIfForm } from "@/components/costs/what-if-form";
import { WhatIfResult } from "@/components/costs/what-if-result";
import { Panel } from "@/components/ui/panel";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonPanel, SkeletonRows } from "@/components/ui/skeleton";
import { costMonthSchema } from "@/lib/costs/cost-params";
import { listReplicaCosts } from "@/lib/costs/server/list-replica-costs";
import { firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Replication" };

async function WhatIfFormLoader({ values }: { values: Record<string, string | undefined> & { month: string } }) {
  const { registries } = await listReplicaCosts({ month: values.month });
  // Keyed by the values: a select's defaultValue only applies when it mounts, and a link to another registry's what-if reuses the page.
  return (
    <WhatIfForm
      key={JSON.stringify(values)}
      registries={registries.map((r) => r.name)}
      values={{ ...values, source: values.source === "tag" ? "tag" : "patterns" }}
    />
  );
}

export default async function ReplicationPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  await authorizePage({ action: "read" });
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() => parseInput(costMonthSchema, { month: query.month || undefined }));
  if (!parsed.ok) return <QueryProblem title="Replication" problem={parsed.problem} />;
  const { month } = parsed.value;
  const values = { ...query, month };
  return (
    <>
      <div className="page-header">
        <h1>Replication</h1>
        <span className="muted">
          what each geo-replica costs, and what keeping only the global repositories replicated would save
        </span>
      </div>
      <MonthPicker action="/replication" month={month} />
      <Suspense key={`replicas-${month}`} fallback={<SkeletonPanel title="Replica cost per month" rows={6} />}>
        <ReplicaCostsPanel month={month} />
      </Suspense>
      <div id="what-if">
        <Panel title="What-if: replicate only what must be global" testId="what-if">
          <p className="muted small">
            Mark the repositories that must be global, by glob patterns or by a tag on the registry whose value lists
            the patterns. They move to a Premium registry with the same replicas; the rest move to the cheapest SKU that
            holds them.
          </p>
          <Suspense fallback={<SkeletonRows rows={2} />}>
            <WhatIfFormLoader values={values} />
          </Suspense>
          {query.registry ? (
            <Suspense key={JSON.stringify(values)} fallback={<SkeletonRows rows={4} />}>
              <WhatIfResult
                params={{
                  month,
                  registry: query.registry,
                  source: query.source === "tag" ? "tag" : "patterns",
                  patterns: query.patterns,
                  tag: query.tag,
                }}
              />
            </Suspense>
          ) : null}
        </Panel>
      </div>
    </>
  );
}
