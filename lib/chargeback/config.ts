/**
 * The chargeback configuration: teams, ordered ownership rules and the fixed-fee method
 * per registry, as ONE JSON document stored in the database, edited in the UI and
 * imported/exported as a file (also `--rules FILE` on the chargeback report).
 *
 *   {"teams":[{"name":"payments","costCenter":"CC-200","contacts":["pay@x.com"]}],
 *    "rules":[{"registry":"*","repository":"payments/**","team":"payments"},
 *             {"registryTag":"team=platform","repository":"**","team":"platform"}],
 *    "fixedFees":{"default":"proportional","byRegistry":{"contosoprod":"owner:platform"}},
 *    "currency":"USD"}
 *
 * Contract (for pages and API):
 * - parseChargebackConfig(json) → ChargebackConfig, or throws LedgerError("validation") with one
 *   issue per bad field (paths like `rules.1.team`) and the message "Invalid chargeback config:"
 *   then one "  <path>: <reason>" line per issue (paths like `rules[1].team`).
 *   parseChargebackConfigText(text) does the same from JSON text (bad JSON is named too).
 * - serializeChargebackConfig(config) → canonical JSON text (fixed key order, defaults spelt out,
 *   byRegistry keys sorted); parse(serialize(c)) equals c.
 * - Every field is optional: teams [], rules [], fixedFees {default "proportional", byRegistry {}}.
 * - A rule names `registry` (a name, compared case-insensitively, or "*") XOR `registryTag`
 *   ("key=value": key case-insensitive as Azure tag names are, value exact), a `repository` glob
 *   (lib/patterns/glob: `*` within a path segment, `**` across slashes; bounded, refused with the
 *   reason when it is not) and a `team`. A team named by a rule,
 *   a fee method or a registry's `team` tag need not be declared: declaring it adds its cost center
 *   and contacts (the issue's own example names "platform" without declaring it).
 * - Fee methods: "proportional" (by attributed bytes), "even" (equally among the teams other than
 *   unallocated owning repositories in the registry that day), "owner:<team>".
 * - A team may have a monthly budget, `"budget": {"monthly": "250.00"}`: a decimal string (up to 6
 *   decimals, at least 0) in the document's `currency` (ISO 4217, three capital letters), which is
 *   the pricing currency when the document names none.
 * - "unallocated" (UNALLOCATED) is reserved: it is the line of everything no rule or tag owns.
 * Objects are strict so a misspelt field is reported rather than silently ignored.
 */
import { z } from "zod";
import { compareCodePoints } from "@/lib/compare";
import { globProblem } from "@/lib/patterns/glob";
import { documentError, parseJsonText, userKeyedRecord } from "@/lib/validation";

export const UNALLOCATED = "unallocated";
export const FEE_METHOD_NAMES = ["proportional", "even", "owner"] as const;

/** entraGroupIds: the Entra groups whose members see this team's share when signed in without a role. */
export type ChargebackTeam = {
  name: string;
  costCenter?: string;
  contacts?: string[];
  entraGroupIds?: string[];
  /** The monthly budget as written ("250.00"), in the document's currency. */
  budget?: { monthly: string };
};
export type OwnershipRule = { registry?: string; registryTag?: string; repository: string; team: string };
/** "proportional" | "even" | "owner:<team>" as written in the document. */
export type FeeMethodText = string;
export type FixedFees = { default: FeeMethodText; byRegistry: Record<string, FeeMethodText> };
export type ChargebackConfig = {
  teams: ChargebackTeam[];
  rules: OwnershipRule[];
  fixedFees: FixedFees;
  /** ISO 4217 code the budgets are in; absent means the pricing currency. */
  currency?: string;
};

/** A fee method once parsed. */
export type FeeMethod = { kind: "proportional" } | { kind: "even" } | { kind: "owner"; team: string };

const text = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, `must be ${what}`)
    .max(200, "must be at most 200 characters");

const teamSchema = z.strictObject(
  {
    name: text("a team name").refine(
      (n) => n.toLowerCase() !== UNALLOCATED,
      `"${UNALLOCATED}" is reserved for what no rule owns`,
    ),
    costCenter: text("a cost center such as CC-200").optional(),
    contacts: z.array(text("a contact (e-mail or name)"), { error: "must be a list of contacts" }).optional(),
    entraGroupIds: z
      .array(
        z.guid("must be an Entra group object id (a GUID)").transform((id) => id.toLowerCase()),
        {
          error: "must be a list of Entra group object ids",
        },
      )
      .max(100, "must list at most 100 groups")
      .optional(),
    budget: z
      .strictObject(
        {
          monthly: z
            .string({ error: 'must be a decimal amount as a string, such as "250.00"' })
            .trim()
            .regex(
              /^\d{1,12}(\.\d{1,6})?$/,
              'must be a decimal amount of at least 0 such as "250.00" (up to 6 decimals)',
            ),
        },
        { error: 'must be an object such as {"monthly": "250.00"}' },
      )
      .optional(),
  },
  { error: "must be an object with name (and costCenter, contacts, entraGroupIds, budget)" },
);

const TAG_PATTERN = /^[^=]+=.*$/;

const ruleSchema = z
  .strictObject(
    {
      registry: text('a registry name or "*"').optional(),
      registryTag: text("a registry tag such as team=payments")
        .regex(TAG_PATTERN, "must be key=value, such as team=payments")
        .optional(),
      repository: text("a repository glob such as payments/**").superRefine((glob, ctx) => {
        const problem = globProblem(glob);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      }),
      team: text("a team name"),
    },
    { error: "must be an object with registry or registryTag, repository and team" },
  )
  .superRefine((rule, ctx) => {
    if ((rule.registry === undefined) === (rule.registryTag === undefined)) {
      ctx.addIssue({ code: "custom", path: ["registry"], message: "give exactly one of registry and registryTag" });
    }
  });

const feeMethodSchema = z
  .string({ error: 'must be "proportional", "even" or "owner:<team>"' })
  .trim()
  .regex(/^(proportional|even|owner:.+)$/, 'must be "proportional", "even" or "owner:<team>"');

// Keys are checked untrimmed: trimming inside the record would merge " a" into "a" silently. Azure
// registry names are case-insensitive, so two keys naming one registry are refused rather than one winning.
const registryKey = z.string().refine((name) => name.trim() !== "", "a registry name must not be empty");
const byRegistrySchema = userKeyedRecord(
  registryKey,
  feeMethodSchema,
  "must be an object of registry name → method",
  "a registry name",
)
  .superRefine((byRegistry, ctx) => {
    const seen = new Map<string, string>();
    for (const name of Object.keys(byRegistry)) {
      const key = name.trim().toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `names the same registry as ${JSON.stringify(earlier)}`,
        });
      else seen.set(key, name);
    }
  })
  .transform((byRegistry) =>
    Object.fromEntries(Object.entries(byRegistry).map(([name, method]) => [name.trim(), method])),
  );

export const chargebackConfigSchema = z
  .strictObject(
    {
      teams: z.array(teamSchema, { error: "must be a list of teams" }).default(() => []),
      rules: z.array(ruleSchema, { error: "must be a list of rules" }).default(() => []),
      fixedFees: z
        .strictObject(
          {
            default: feeMethodSchema.default("proportional"),
            byRegistry: byRegistrySchema.default(() => ({})),
          },
          { error: "must be an object with default and byRegistry" },
        )
        .default(() => ({ default: "proportional", byRegistry: {} })),
      currency: z
        .string({ error: "must be an ISO 4217 currency code such as USD" })
        .trim()
        .regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code such as USD")
        .optional(),
    },
    { error: "must be a JSON object" },
  )
  // zod runs this even when a field above failed without aborting (a bad record key), so the
  // values here may be raw input: each check looks only at strings.
  .superRefine((config, ctx) => {
    const declared = new Set<string>();
    config.teams.forEach((team, i) => {
      if (typeof team?.name !== "string") return;
      if (declared.has(team.name))
        ctx.addIssue({ code: "custom", path: ["teams", i, "name"], message: `"${team.name}" is declared twice` });
      declared.add(team.name);
    });
    const reserved = `"${UNALLOCATED}" is reserved for what no rule owns`;
    config.rules.forEach((rule, i) => {
      if (typeof rule?.team === "string" && rule.team.toLowerCase() === UNALLOCATED)
        ctx.addIssue({ code: "custom", path: ["rules", i, "team"], message: reserved });
    });
    const checkOwner = (method: unknown, path: PropertyKey[]) => {
      if (typeof method !== "string") return;
      const owner = parseFeeMethod(method);
      if (owner.kind === "owner" && owner.team.toLowerCase() === UNALLOCATED)
        ctx.addIssue({ code: "custom", path, message: reserved });
    };
    checkOwner(config.fixedFees?.default, ["fixedFees", "default"]);
    for (const [registry, method] of Object.entries(config.fixedFees?.byRegistry ?? {}))
      checkOwner(method, ["fixedFees", "byRegistry", registry]);
  });

export function emptyChargebackConfig(): ChargebackConfig {
  return { teams: [], rules: [], fixedFees: { default: "proportional", byRegistry: {} } };
}

/** Validates a document; every bad field is named with its reason in one LedgerError("validation"). */
export function parseChargebackConfig(json: unknown): ChargebackConfig {
  const result = chargebackConfigSchema.safeParse(json);
  if (!result.success) throw documentError(TITLE, WHOLE, result.error.issues);
  const { teams, rules, fixedFees, currency } = result.data;
  return {
    teams: teams.map((t) => ({
      name: t.name,
      ...(t.costCenter !== undefined ? { costCenter: t.costCenter } : {}),
      ...(t.contacts ? { contacts: t.contacts } : {}),
      ...(t.entraGroupIds ? { entraGroupIds: [...new Set(t.entraGroupIds)] } : {}),
      ...(t.budget ? { budget: { monthly: t.budget.monthly } } : {}),
    })),
    rules: rules.map((r) => ({
      ...(r.registry !== undefined ? { registry: r.registry } : { registryTag: r.registryTag }),
      repository: r.repository,
      team: r.team,
    })),
    fixedFees: { default: fixedFees.default, byRegistry: fixedFees.byRegistry },
    ...(currency !== undefined ? { currency } : {}),
  };
}

/** JSON text to a validated config; bad JSON or a bad field is a LedgerError("validation") naming it. */
export function parseChargebackConfigText(source: string): ChargebackConfig {
  return parseChargebackConfig(parseChargebackConfigJson(source));
}

/** JSON text to the value parseChargebackConfig reads; bad JSON is a LedgerError("validation") about the whole config. */
export function parseChargebackConfigJson(source: string): unknown {
  // A byte-order mark (editors on Windows write one) is not part of the document.
  return parseJsonText(source.replace(/^\uFEFF/, ""), TITLE, WHOLE);
}

const TITLE = "Invalid chargeback config";
const WHOLE = "(config)";

/** Canonical JSON: fixed key order, defaults spelt out, byRegistry sorted by name. */
export function serializeChargebackConfig(config: ChargebackConfig): string {
  const byRegistry = Object.fromEntries(
    Object.entries(config.fixedFees.byRegistry).sort(([a], [b]) => compareCodePoints(a, b)),
  );
  const document = {
    teams: config.teams.map((t) => ({
      name: t.name,
      ...(t.costCenter !== undefined ? { costCenter: t.costCenter } : {}),
      ...(t.contacts ? { contacts: t.contacts } : {}),
      ...(t.entraGroupIds ? { entraGroupIds: [...new Set(t.entraGroupIds)] } : {}),
      ...(t.budget ? { budget: { monthly: t.budget.monthly } } : {}),
    })),
    rules: config.rules.map((r) => ({
      ...(r.registry !== undefined ? { registry: r.registry } : { registryTag: r.registryTag }),
      repository: r.repository,
      team: r.team,
    })),
    fixedFees: { default: config.fixedFees.default, byRegistry },
    ...(config.currency !== undefined ? { currency: config.currency } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function parseFeeMethod(method: FeeMethodText): FeeMethod {
  if (method === "even") return { kind: "even" };
  if (method.startsWith("owner:")) return { kind: "owner", team: method.slice("owner:".length).trim() };
  return { kind: "proportional" };
}

/** The registry's fixed-fee method: byRegistry (names compared case-insensitively), else the default. */
export function feeMethodFor(config: ChargebackConfig, registryName: string): FeeMethod {
  const wanted = registryName.toLowerCase();
  const entry = Object.entries(config.fixedFees.byRegistry).find(([name]) => name.toLowerCase() === wanted);
  return parseFeeMethod(entry ? entry[1] : config.fixedFees.default);
}

/** Every team the document names: declared, in a rule or in an owner:<team> fee method (declared first). */
export function listNamedTeams(config: ChargebackConfig): string[] {
  const owners = [config.fixedFees.default, ...Object.values(config.fixedFees.byRegistry)]
    .map(parseFeeMethod)
    .flatMap((m) => (m.kind === "owner" ? [m.team] : []));
  return [...new Set([...config.teams.map((t) => t.name), ...config.rules.map((r) => r.team), ...owners])];
}

/** The team's cost center ("" for unallocated, an undeclared team or one declared without). */
export function costCenterOf(config: ChargebackConfig, team: string): string {
  return config.teams.find((t) => t.name === team)?.costCenter ?? "";
}
