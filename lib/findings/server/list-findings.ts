import "server-only";
import { z } from "zod";
import { DAY_MS, dayStart } from "@/lib/calendar";
import { getDb } from "@/lib/db";
import { CURRENT_REGISTRY } from "@/lib/storage/server/current-registries";
import { evaluateFindings } from "@/lib/findings/findings";
import type { Severity } from "@/lib/costs/types";
import { findMutableTagMoves, MUTABLE_TAG_WINDOW_DAYS, mutableTagFindings } from "@/lib/storage-history/mutable-tags";
import { getEnv } from "@/lib/env";
import { listMutableTagTrail } from "../../storage-history/server/list-mutable-tag-trail";
import { getPricing } from "@/lib/costs/server/get-pricing";
import { optionalFilterText, parseInput } from "../../validation";
import { costMonthFields, resolveMonth } from "../../costs/cost-params";
import type { MicrosString } from "../../costs/cost-views";

export const SEVERITIES = ["high", "medium", "low", "info"] as const satisfies readonly Severity[];

/** The filters the page, the registry link's count and the CSV share. */
export const findingFilterSchema = z.object({
  severity: z.enum(SEVERITIES).optional(),
  registry: optionalFilterText,
});
export type FindingFilter = z.infer<typeof findingFilterSchema>;

const paramsSchema = findingFilterSchema.extend(costMonthFields).transform(resolveMonth);

export type FindingRow = {
  registry: string;
  code: string;
  title: string;
  severity: Severity;
  evidence: string;
  monthlySavingMicros: MicrosString | null;
};

export type FindingList = { month: string; currency: string; rows: FindingRow[]; registryCount: number };

/**
 * Findings of the current registries, by registry name then in the order the rules list them.
 * The last push is the newest repository update (ACR's lastUpdatedOn) the inventory knows of.
 * Moves of production-like tags (REGISTRY_LEDGER_MUTABLE_TAGS) in the 30 days up to `today`
 * follow each registry's own findings.
 */
export async function listFindings(input: z.input<typeof paramsSchema> = {}): Promise<FindingList> {
  const params = parseInput(paramsSchema, input);
  const db = await getDb();
  const where = { ...CURRENT_REGISTRY, ...(params.registry ? { name: params.registry } : {}) };
  const [pricing, registries, pushes] = await Promise.all([
    getPricing(),
    db.registry.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      include: { replications: { select: { location: true } } },
    }),
    db.repository.groupBy({ by: ["registryId"], where: { registry: where }, _max: { lastUpdatedAt: true } }),
  ]);
  const lastPush = new Map(pushes.map((p) => [p.registryId, p._max.lastUpdatedAt]));
  const { mutableTags } = getEnv();
  const windowStart = new Date(dayStart(params.today).getTime() - (MUTABLE_TAG_WINDOW_DAYS - 1) * DAY_MS);
  const trails = await listMutableTagTrail(
    registries.map((r) => r.id),
    mutableTags,
    windowStart,
  );
  const rows: FindingRow[] = [];
  for (const r of registries) {
    const findings = evaluateFindings(
      {
        name: r.name,
        sku: r.skuName,
        location: r.location,
        adminUserEnabled: r.adminUserEnabled,
        publicNetworkAccess: r.publicNetworkAccess,
        networkRuleDefaultAction: r.networkRuleDefaultAction,
        networkRuleIpCount: r.networkRuleIpCount,
        anonymousPullEnabled: r.anonymousPullEnabled,
        privateEndpointCount: r.privateEndpointCount,
        zoneRedundancy: r.zoneRedundancy,
        retentionPolicyStatus: r.retentionPolicyStatus,
        replicaLocations: r.replications.map((p) => p.location),
        storedBytes: r.storedBytes,
        lastPushAt: lastPush.get(r.id) ?? null,
      },
      { pricing, month: params.month, today: params.today },
    );
    findings.push(
      ...mutableTagFindings(
        r.name,
        findMutableTagMoves(trails.get(r.id) ?? [], { tags: mutableTags, asOfDay: params.today }),
      ),
    );
    for (const f of findings) {
      if (params.severity && f.severity !== params.severity) continue;
      rows.push({
        registry: f.registry,
        code: f.code,
        title: f.title,
        severity: f.severity,
        evidence: f.evidence,
        monthlySavingMicros: f.monthlySaving?.toString() ?? null,
      });
    }
  }
  return { month: params.month, currency: pricing.currency, rows, registryCount: registries.length };
}
