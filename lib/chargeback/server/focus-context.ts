/**
 * What the FOCUS export needs beyond the chargeback review: each origin charge's quantity and the
 * registry's SKU (the cost model's month, the same lines the review allocated), and the
 * subscriptions' display names. `review` is the whole month (every team's lines), whatever the
 * access of the dataset written from it; only the registries its lines name are kept.
 */
import "server-only";
import { getDb } from "@/lib/db";
import { getCostMonth } from "@/lib/costs/server/get-cost-month";
import { originKey, type FocusContext, type OriginUsage } from "@/lib/chargeback/focus-export";
import type { ChargebackMonth } from "./get-chargeback-month";

const registryKey = (subscriptionId: string, resourceGroup: string, name: string) =>
  `${subscriptionId}\n${resourceGroup}\n${name}`.toLowerCase();

export async function loadFocusContext(review: ChargebackMonth): Promise<FocusContext> {
  const resourceIds = new Map(
    review.lines.map((l) => [registryKey(l.subscriptionId, l.resourceGroup, l.registry), l.resourceId]),
  );
  const subscriptionIds = [...new Set(review.lines.map((l) => l.subscriptionId))];
  const [costs, subscriptions] = await Promise.all([
    getCostMonth({ month: review.month, today: review.today }),
    subscriptionIds.length === 0
      ? []
      : (await getDb()).subscription.findMany({
          where: { id: { in: subscriptionIds } },
          select: { id: true, displayName: true },
        }),
  ]);
  const usage = new Map<string, OriginUsage>();
  for (const registry of costs.registries) {
    const resourceId = resourceIds.get(registryKey(registry.subscriptionId, registry.resourceGroup, registry.name));
    if (resourceId === undefined) continue;
    for (const line of registry.lines)
      usage.set(originKey(resourceId, line.kind), {
        sku: registry.sku,
        quantity: line.quantity,
        costMicros: BigInt(line.costMicros),
      });
  }
  const subscriptionNames = new Map(
    subscriptions.flatMap((s) => (s.displayName ? [[s.id, s.displayName] as const] : [])),
  );
  return { allLines: review.lines, usage, subscriptionNames };
}
