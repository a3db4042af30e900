/**
 * Importing a FOCUS cost export for a month. Contract:
 *   importFocusBill({ text, month?, allowEmpty? }, actor) → FocusImportResult
 * Parses with parseFocusCsv (lib/chargeback/focus.ts: LedgerError "validation" naming the
 * missing column, the bad row, or a billing period other than the month asked for → HTTP 422,
 * CLI exit 2), matches each row's ResourceId to a registry case-insensitively (the registry's ARM
 * id, or a child of it such as a replication: `<registry id>/replications/westus`), sums
 * BilledCost per registry, and replaces the billed amounts of the registries it matched, in one
 * transaction: registries the file does not mention keep theirs (a bill exported per subscription
 * is imported file by file). Rows of other resources are counted (`unmatchedRows`), not stored.
 * A file that matches no registry in the month would bill nothing, so it is refused (a wrong
 * month, scope or file) before anything is written, unless `allowEmpty`: then the month's
 * billed amounts are removed, which is what "replace with nothing" means. An import records its
 * audit event (the amounts it replaced and those it stored) in its transaction; a refused one
 * records nothing.
 */
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/server/record-audit-event";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/costs/money";
import { parseFocusCsv, type FocusBill } from "@/lib/chargeback/focus";
import type { Micros } from "@/lib/costs/types";
import { LedgerError } from "@/lib/errors";
import { monthSchema } from "@/lib/validation";
import { parseInput } from "@/lib/validation";

export type FocusImportResult = {
  month: string;
  currency: string | null;
  registries: { registry: string; resourceId: string; billedMicros: string; rowCount: number }[];
  matchedRows: number;
  unmatchedRows: number;
  /** Up to 10 distinct ResourceIds that matched no registry, for the message. */
  unmatchedResourceIds: string[];
  rowsInFile: number;
  /** Billed amounts of the month replaced (the matched registries'), or removed (an allowed empty import). */
  replacedRegistries: number;
};

type RegistrySum = { registry: string; micros: Micros; rows: number };

const REGISTRY_ID = /^(.*\/providers\/microsoft\.containerregistry\/registries\/[^/]+)\//;

async function sumByRegistry(bill: FocusBill) {
  const db = await getDb();
  const registries = await db.registry.findMany({
    select: { name: true, armId: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const byArmId = new Map(registries.map((r) => [r.armId.toLowerCase(), r]));
  const registryOf = (resourceId: string) =>
    byArmId.get(resourceId) ?? byArmId.get(REGISTRY_ID.exec(resourceId)?.[1] ?? "");
  const sums = new Map<string, RegistrySum>();
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
  return { sums, unmatched: [...unmatched], unmatchedRows };
}

function emptyImportReason(bill: FocusBill, unmatched: string[]): string {
  if (bill.rowsInFile === 0) return "the file has no data rows";
  const examples = unmatched.slice(0, 3).map((id) => id.slice(0, 200) || "(empty)");
  return `none of its ${bill.rows.length} rows of ${bill.month} has the ResourceId of a registry in the inventory (e.g. ${examples.join(", ")})`;
}

/** The billed amounts of a month as the audit log keeps them: exact decimals per ResourceId. */
function billedJson(rows: readonly { resourceId: string; currency: string; billedMicros: Micros }[]): string {
  return JSON.stringify(
    rows.map((r) => ({ resourceId: r.resourceId, currency: r.currency, billed: formatMoney(r.billedMicros, 6) })),
  );
}

function importSummary(bill: FocusBill, sums: Map<string, RegistrySum>, unmatchedRows: number, replaced: number) {
  if (sums.size === 0) return `removed the billed amounts of ${replaced} registries (an allowed empty import)`;
  const total = [...sums.values()].reduce((sum, s) => sum + s.micros, 0n);
  return (
    `${formatMoney(total, 2)} ${bill.currency ?? ""} billed for ${sums.size} registries from ` +
    `${bill.rows.length - unmatchedRows} rows (${unmatchedRows} matched no registry), replacing ${replaced}`
  );
}

export async function importFocusBill(
  input: { text: string; month?: string; allowEmpty?: boolean },
  actor: Actor,
): Promise<FocusImportResult> {
  const month = input.month === undefined ? undefined : parseInput(monthSchema, input.month);
  const bill = parseFocusCsv(input.text, month);
  const { sums, unmatched, unmatchedRows } = await sumByRegistry(bill);
  if (sums.size === 0 && !input.allowEmpty) {
    throw new LedgerError(
      "validation",
      `Refusing an empty import for ${bill.month}: ${emptyImportReason(bill, unmatched)}. Nothing was changed; to remove the ` +
        "month's billed amounts instead, send it again with allowEmpty=true (CLI: --allow-empty)",
    );
  }
  const monthDate = new Date(`${bill.month}-01T00:00:00Z`);
  const db = await getDb();
  const replacedRegistries = await db.$transaction(async (tx) => {
    // Imports of one month queue: each one's delete and insert see the other's rows committed.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('billed_costs'), hashtext(${bill.month}))`;
    const scope = sums.size === 0 ? { month: monthDate } : { month: monthDate, resourceId: { in: [...sums.keys()] } };
    const replaced = await tx.billedCost.findMany({ where: scope, orderBy: { resourceId: "asc" } });
    const { count } = await tx.billedCost.deleteMany({ where: scope });
    const data = [...sums].map(([resourceId, s]) => ({
      month: monthDate,
      resourceId,
      currency: bill.currency ?? "",
      billedMicros: s.micros,
      rowCount: s.rows,
    }));
    await tx.billedCost.createMany({ data });
    await recordAuditEvent(tx, actor, {
      action: "billing.import",
      target: bill.month,
      summary: importSummary(bill, sums, unmatchedRows, count),
      before: billedJson(replaced),
      after: billedJson(data),
    });
    return count;
  });
  return {
    month: bill.month,
    currency: bill.currency,
    registries: [...sums].map(([resourceId, s]) => ({
      registry: s.registry,
      resourceId,
      billedMicros: s.micros.toString(),
      rowCount: s.rows,
    })),
    matchedRows: bill.rows.length - unmatchedRows,
    unmatchedRows,
    unmatchedResourceIds: unmatched.slice(0, 10),
    rowsInFile: bill.rowsInFile,
    replacedRegistries,
  };
}
