/**
 * The config a chargeback view allocates with: the one given (a draft, `--rules FILE`,
 * `?rules=<JSON>`), else a version of the stored one (chargeback_config_versions: every saved
 * document with its time and author), else the empty config (everything unallocated).
 *
 * A month is allocated with the rules in force at the end of the period its figures cover: the
 * newest version saved before the end of its last covered day (a past month's last day; the
 * running month's today, so the current rules). A month that ended before the first version uses
 * the oldest one, and says so. `rules: "current"` recomputes any month with today's rules.
 * No "server-only" guard: the sync resolves the rules it keeps chargeback months with.
 */
import { getChargebackConfig } from "@/lib/chargeback/server/config-store";
import { parseChargebackConfigText, type ChargebackConfig } from "@/lib/chargeback/config";
import { addDays, coveredUntil, dayStart } from "@/lib/calendar";
import { getDb } from "@/lib/db";

export type ConfigInEffect = { config: ChargebackConfig; source: "given" | "stored" | "default" };

export async function resolveChargebackConfig(given: ChargebackConfig | undefined): Promise<ConfigInEffect> {
  if (given) return { config: given, source: "given" };
  const stored = await getChargebackConfig();
  return { config: stored.config, source: stored.source };
}

/** Which rules a month asks for: those in force at its end (the default) or today's. */
export type RulesChoice = "month-end" | "current";

/**
 * How the config was chosen: `given` (a draft or a rules file); `month-end` (the version in force at
 * the end of the covered period); `oldest` (the month ended before the first saved version);
 * `current` (today's rules, asked for); `none` (no rules were ever saved: everything unallocated).
 */
export type RulesBasis = "given" | "month-end" | "oldest" | "current" | "none";

export type RulesVersionView = {
  basis: RulesBasis;
  /** The version used (null for given rules and when none was ever saved). */
  versionId: number | null;
  /** ISO instant it was saved; null with no version. */
  savedAt: string | null;
  /** Who saved it; null with no version, or for the document stored before versions were kept. */
  savedBy: string | null;
  /** The end of the covered period (ISO instant, exclusive) the month-end rules are taken at. */
  inForceAt: string;
};

export type MonthConfig = ConfigInEffect & { rules: RulesVersionView };

type VersionRow = { id: number; savedAt: Date; document: string; savedBy: string | null };

async function findVersion(where: { savedAt?: { lt: Date } }, newest: boolean): Promise<VersionRow | null> {
  const db = await getDb();
  const direction = newest ? "desc" : "asc";
  return db.chargebackConfigVersion.findFirst({ where, orderBy: [{ savedAt: direction }, { id: direction }] });
}

function fromVersion(row: VersionRow, basis: RulesBasis, inForceAt: Date): MonthConfig {
  return {
    config: parseChargebackConfigText(row.document),
    source: "stored",
    rules: {
      basis,
      versionId: row.id,
      savedAt: row.savedAt.toISOString(),
      savedBy: row.savedBy,
      inForceAt: inForceAt.toISOString(),
    },
  };
}

export async function resolveMonthConfig(
  given: ChargebackConfig | undefined,
  period: { month: string; today: string; rules?: RulesChoice },
): Promise<MonthConfig> {
  const inForceAt = dayStart(addDays(coveredUntil(period.month, period.today), 1));
  const none = { versionId: null, savedAt: null, savedBy: null, inForceAt: inForceAt.toISOString() };
  if (given) return { config: given, source: "given", rules: { basis: "given", ...none } };
  if (period.rules === "current") {
    const [stored, newest] = await Promise.all([getChargebackConfig(), findVersion({}, true)]);
    const version = newest && {
      versionId: newest.id,
      savedAt: newest.savedAt.toISOString(),
      savedBy: newest.savedBy,
    };
    return { config: stored.config, source: stored.source, rules: { ...none, ...version, basis: "current" } };
  }
  const inForce = await findVersion({ savedAt: { lt: inForceAt } }, true);
  if (inForce) return fromVersion(inForce, "month-end", inForceAt);
  const oldest = await findVersion({}, false);
  if (oldest) return fromVersion(oldest, "oldest", inForceAt);
  const stored = await getChargebackConfig();
  return { config: stored.config, source: stored.source, rules: { basis: "none", ...none } };
}
