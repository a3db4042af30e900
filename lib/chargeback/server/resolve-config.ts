/**
 * The config a chargeback view allocates with: the one given (a draft, `--rules FILE`,
 * `?rules=<JSON>`), else the stored one, else the empty config (everything unallocated).
 */
import "server-only";
import { getChargebackConfig } from "@/lib/chargeback/server/config-store";
import type { ChargebackConfig } from "@/lib/chargeback/config";

export type ConfigInEffect = { config: ChargebackConfig; source: "given" | "stored" | "default" };

export async function resolveChargebackConfig(given: ChargebackConfig | undefined): Promise<ConfigInEffect> {
  if (given) return { config: given, source: "given" };
  const stored = await getChargebackConfig();
  return { config: stored.config, source: stored.source };
}
