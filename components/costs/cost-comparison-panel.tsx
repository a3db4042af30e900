import { compareCostMonths } from "@/lib/costs/server/compare-cost-months";
import { registryCostsHref } from "./cost-urls";
import { MonthComparison } from "./month-comparison";

/** This month against the previous one: totals, kinds, and the registries that moved most. */
export async function CostComparisonPanel({ month }: { month: string }) {
  const c = await compareCostMonths({ month });
  return (
    <MonthComparison
      testId="cost-comparison"
      month={c.month}
      previousMonth={c.previousMonth}
      currency={c.currency}
      total={c}
      byKind={c.byKind}
      movers={c.movers.map((m) => ({
        ...m,
        key: `${m.subscriptionId}/${m.name}`,
        label: m.name,
        href: registryCostsHref(m.name, c.month),
        data: { "data-registry": m.name },
      }))}
      ids={{ delta: "cost-delta", movers: "cost-movers", mover: "cost-mover" }}
      noMovers={<>No registry&apos;s cost changed.</>}
      note="A running month counts to today; the previous month counts whole."
    />
  );
}
