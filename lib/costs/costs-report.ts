import { z } from "zod";
import { formatMoney } from "@/lib/costs/money";
import { daySchema, monthSchema } from "@/lib/validation";
import { getCostMonth } from "@/lib/costs/server/get-cost-month";
import { resolveReviewMonth } from "./cost-params";
import { defineReport } from "../reports/define-report";

export const costsReport = defineReport({
  name: "costs",
  description: "A month's cost per registry and cost kind: quantity × unit price = cost, exact to the micro-unit",
  columns: [
    "month",
    "days",
    "subscription_id",
    "registry",
    "sku",
    "cost_kind",
    "quantity",
    "unit",
    "unit_price",
    "cost",
    "currency",
    "pricing_source",
  ],
  numericColumns: ["quantity", "unit_price", "cost"],
  options: z.object({ month: monthSchema.optional(), asOf: daySchema.optional() }),
  optionDescriptions: {
    month: "the month, YYYY-MM (default: the last complete month, UTC: the one before asOf's month)",
    asOf: "count the month up to this day, YYYY-MM-DD (default: today, UTC)",
  },
  async *rows({ month, asOf }) {
    const summary = await getCostMonth(resolveReviewMonth({ month, today: asOf }));
    for (const registry of summary.registries) {
      for (const line of registry.lines) {
        yield {
          month: summary.month,
          days: registry.days,
          subscription_id: registry.subscriptionId,
          registry: registry.name,
          sku: registry.sku,
          cost_kind: line.kind,
          quantity: line.quantity,
          unit: line.unit,
          unit_price: formatMoney(BigInt(line.unitPriceMicros), 6),
          cost: formatMoney(BigInt(line.costMicros), 6),
          currency: summary.pricing.currency,
          pricing_source: summary.pricing.source,
        };
      }
    }
  },
});
