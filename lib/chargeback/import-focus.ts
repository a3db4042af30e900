/**
 * Importing a FOCUS cost export for a month (issue 5). Contract:
 *   importFocusBill({ text, month? }) → FocusImportResult
 * Parses with parseFocusCsv (lib/domain/chargeback/focus.ts: LedgerError "validation" naming the
 * missing column or the bad row → HTTP 422, CLI exit 2), matches each row's ResourceId to a
 * registry case-insensitively (the registry's ARM id, or a child of it such as a replication:
 * `<registry id>/replications/westus`), sums BilledCost per registry, and REPLACES the month's
 * billed_costs in one transaction (a month imported twice keeps only the second file). Rows of
 * other resources are counted (`unmatchedRows`) and not stored. getChargebackMonth then shows
 * estimated vs billed per registry and can scale to the bill.
 */
import { getDb } from "@/lib/db";
import { parseFocusCsv } from "@/lib/domain/chargeback/focus";
import type { Micros } from "@/lib/domain/cost/types";
import { monthSchema } from "@/lib/queries/costs/cost-params";
import { parseInput } from "@/lib/queries/values";

export type FocusImportResult = {
  month: string;
  currency: string | null;
  registries: { registry: string; resourceId: string; billedMicros: string; rowCount: number }[];
  matchedRows: number;
  unmatchedRows: number;
  /** Up to 10 distinct ResourceIds that matched no registry, for the message. */
  unmatchedResourceIds: string[];
  rowsInFile: number;
};

export async function importFocusBill(input: { text: string; month?: string }): Promise<FocusImportResult> {
  const month = input.month === undefined ? undefined : parseInput(monthSchema, input.month);
  const bill = parseFocusCsv(input.text, month);
  const db = await getDb();
  const registries = await db.registry.findMany({ select: { name: true, armId: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const byArmId = new Map(registries.map((r) => [r.armId.toLowerCase(), r]));
  const registryOf = (resourceId: string) => {
    const direct = byArmId.get(resourceId);
    if (direct) return direct;
    const parent = /^(.*\/providers\/microsoft\.containerregistry\/registries\/[^/]+)\//.exec(resourceId);
    return parent ? byArmId.get(parent[1]) : undefined;
  };
  const sums = new Map<string, { registry: string; micros: Micros; rows: number }>();
  const unmatched = new Set<string>();
  let unmatchedRows = 0;
  for (const row of bill.rows) {
    const registry = registryOf(row.resourceId);
    if (!registry) {
      unmatchedRows += 1;
      unmatched.add(row.resourceId);
      continue;
    }
    const key = registry.armId.toLowerCase();
    const sum = sums.get(key) ?? { registry: registry.name, micros: 0n, rows: 0 };
    sums.set(key, { registry: registry.name, micros: sum.micros + row.billedMicros, rows: sum.rows + 1 });
  }
  const monthDate = new Date(`${bill.month}-01T00:00:00Z`);
  await db.$transaction([
    db.billedCost.deleteMany({ where: { month: monthDate } }),
    db.billedCost.createMany({
      data: [...sums].map(([resourceId, s]) => ({ month: monthDate, resourceId, currency: bill.currency ?? "", billedMicros: s.micros, rowCount: s.rows })),
    }),
  ]);
  return {
    month: bill.month,
    currency: bill.currency,
    registries: [...sums].map(([resourceId, s]) => ({ registry: s.registry, resourceId, billedMicros: s.micros.toString(), rowCount: s.rows })),
    matchedRows: bill.rows.length - unmatchedRows,
    unmatchedRows,
    unmatchedResourceIds: [...unmatched].slice(0, 10),
    rowsInFile: bill.rowsInFile,
  };
}
