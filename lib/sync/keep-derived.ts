/**
 * After a registry's write has committed and its outcome is recorded, and again once the run has
 * replaced the apps' in-use images (which the plan reads): the figures the pages derive from the
 * registry's inventory (cleanup plan, size regressions) computed, or carried over when the sync
 * changed nothing, and kept per registry. Outside the registry's transaction and never failing the
 * sync: whatever goes wrong here (a crash included) leaves the previous rows, which no longer match
 * the registry's inventory token, so the pages compute those figures on their first view instead.
 * Only a sync of now keeps them (its as-of less than a day old): the days a replay of the simulator's
 * past syncs are never viewed, and their first view computes what it needs.
 * Then the rows no page reads any more are deleted: those of removed registries (registry_derived,
 * cleanup_plan_items) and kept chargeback months of rules no view of their month uses.
 */
import { DAY_MS } from "../calendar";
import { dropRemovedRegistriesDerived } from "../database/registry-derived";
import { getDb } from "../db";
import { describeError } from "../errors";
import { keepRegistryChargebackMonth } from "../chargeback/server/keep-chargeback-month";
import { keepRegistrySizeRegressions } from "../image-size/server/derived-size-regressions";
import { keepRegistryCleanupPlan } from "../stale/server/derived-cleanup-plan";

const KEEPERS = [
  ["cleanup plan", keepRegistryCleanupPlan],
  ["size regressions", keepRegistrySizeRegressions],
  ["chargeback month", keepRegistryChargebackMonth],
] as const;

/** Never throws: a failure is logged and left to the pages. */
export async function keepDerivedFigures(armId: string, syncAsOf: Date, signal?: AbortSignal): Promise<void> {
  if (Date.now() - syncAsOf.getTime() >= DAY_MS) return;
  let name = armId;
  try {
    const db = await getDb();
    const registry = await db.registry.findUnique({ where: { armId }, select: { id: true, name: true } });
    if (!registry) return;
    name = registry.name;
    for (const [figures, keep] of KEEPERS) {
      if (signal?.aborted) return; // past the sync's deadline: the first view computes them
      await keep(registry.id).catch((error: unknown) => logNotKept(`the ${figures} of ${name}`, error));
    }
    await dropRemovedRegistriesDerived().catch((error: unknown) =>
      console.error(
        `sync: the figures kept for removed registries were not deleted (${firstLine(error)}); the next sync deletes them`,
      ),
    );
  } catch (error) {
    logNotKept(`the figures of ${name}`, error);
  }
}

function logNotKept(what: string, error: unknown): void {
  console.error(`sync: ${what} were not kept (${firstLine(error)}); the page computes them on its first view`);
}

const firstLine = (error: unknown) => describeError(error).split("\n")[0];
