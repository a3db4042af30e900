/**
 * The only reader of process.env. Every setting the product understands is here, validated
 * with zod; a bad value stops start-up with a message naming the variable, never a stack trace.
 * Read lazily (getEnv) because the launcher sets DATABASE_URL once its embedded server is up.
 */
import path from "node:path";
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { DEFAULT_THRESHOLDS, parseThresholds, type Threshold } from "./budgets/thresholds";
import { LedgerError } from "./errors";

const PUBLIC_ARM_ENDPOINT = "https://management.azure.com";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const httpsUrl = z
  .string()
  .trim()
  .url("must be a URL such as https://management.azure.com")
  .refine((v) => v.startsWith("https://"), "must use https:// (the Azure SDKs refuse plain HTTP)")
  .transform((v) => v.replace(/\/+$/, ""));

function isCron(value: string): boolean {
  if (value.split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(value);
    return true;
  } catch {
    return false;
  }
}

const booleanText = z
  .enum(["true", "false", ""], { error: "must be true or false" })
  .optional()
  .transform((v) => v === "true");

const optionalUrl = optionalText.pipe(
  z
    .string()
    .url("must be a URL such as https://login.microsoftonline.com/<tenant>/v2.0")
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
);

const schema = z.object({
  AUTH_MODE: z.enum(["none", "oidc", "easyauth"], { error: "must be none, oidc or easyauth" }).default("none"),
  HOST: optionalText,
  REGISTRY_LEDGER_ALLOW_ANONYMOUS: booleanText,
  AUTH_OIDC_ISSUER: optionalUrl,
  AUTH_OIDC_CLIENT_ID: optionalText,
  AUTH_OIDC_CLIENT_SECRET: optionalText,
  AUTH_SECRET: optionalText.pipe(
    z.string().min(32, "must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
  ),
  AUTH_URL: optionalUrl,
  AUTH_API_AUDIENCE: optionalText,
  AUTH_GRAPH_URL: optionalUrl,
  REGISTRY_LEDGER_TOKEN: optionalText,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgresql:// connection string")
      .optional(),
  ),
  DATABASE_DIRECT_URL: optionalText.pipe(
    z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgresql:// connection string")
      .optional(),
  ),
  DATABASE_POOLER: optionalText.pipe(z.enum(["none", "transaction"]).default("none")),
  REGISTRY_LEDGER_DATA_DIR: optionalText,
  PORT: z.coerce
    .number({ error: "must be a port number (1-65535)" })
    .int("must be a port number (1-65535)")
    .min(1, "must be a port number (1-65535)")
    .max(65535, "must be a port number (1-65535)")
    .default(3000),
  REGISTRY_LEDGER_SOURCE: z.enum(["azure", "simulator"]).optional(),
  AZURE_SUBSCRIPTION_IDS: optionalText.pipe(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.guid("must be a comma-separated list of subscription GUIDs")))
      .optional(),
  ),
  AZURE_ARM_ENDPOINT: optionalText.pipe(httpsUrl.optional()),
  AZURE_ARM_AUDIENCE: optionalText.pipe(httpsUrl.optional()),
  AZURE_ACR_AUDIENCE: optionalText.pipe(httpsUrl.optional()),
  AZURE_ACCESS_TOKEN: optionalText,
  AZURE_CLIENT_ID: optionalText,
  AZURE_TENANT_ID: optionalText,
  SYNC_SCHEDULE: optionalText.pipe(
    z
      .string()
      .refine(isCron, "must be a cron expression such as '0 */6 * * *' (minute hour day month weekday)")
      .optional(),
  ),
  SYNC_TIMEOUT_MINUTES: z.coerce
    .number({ error: "must be a whole number of minutes from 1 to 10080" })
    .int("must be a whole number of minutes from 1 to 10080")
    .min(1, "must be a whole number of minutes from 1 to 10080")
    .max(10080, "must be a whole number of minutes from 1 to 10080")
    .default(120),
  PLAN_TIMEOUT_SECONDS: z.coerce
    .number({ error: "must be a whole number of seconds from 1 to 3600" })
    .int("must be a whole number of seconds from 1 to 3600")
    .min(1, "must be a whole number of seconds from 1 to 3600")
    .max(3600, "must be a whole number of seconds from 1 to 3600")
    .default(300),
  AZURE_REQUEST_TIMEOUT_SECONDS: z.coerce
    .number({ error: "must be a whole number of seconds from 1 to 3600" })
    .int("must be a whole number of seconds from 1 to 3600")
    .min(1, "must be a whole number of seconds from 1 to 3600")
    .max(3600, "must be a whole number of seconds from 1 to 3600")
    .default(60),
  // ACR's ReadOps per minute per SKU, overridden per SKU ("Premium=20000"), or "off": no budget.
  ACR_READ_LIMITS: optionalText.pipe(
    z
      .string()
      .regex(
        /^\s*(off|(basic|standard|premium)\s*=\s*[1-9][0-9]{0,8}(\s*,\s*(basic|standard|premium)\s*=\s*[1-9][0-9]{0,8})*)\s*$/i,
        "must be off or SKU=requests per minute pairs such as Basic=1000,Standard=3000,Premium=10000",
      )
      .optional(),
  ),
  ACR_READ_BUDGET_FRACTION: z.coerce
    .number({ error: "must be a fraction above 0 and at most 1, such as 0.9" })
    .gt(0, "must be a fraction above 0 and at most 1, such as 0.9")
    .max(1, "must be a fraction above 0 and at most 1, such as 0.9")
    .default(0.9),
  SIMULATOR_READ_LIMITS: z.enum(["on", "off"], { error: "must be on or off" }).default("off"),
  SYNC_BATCH_REPOSITORIES: z.coerce
    .number({ error: "must be a whole number of repositories from 1 to 100000" })
    .int("must be a whole number of repositories from 1 to 100000")
    .min(1, "must be a whole number of repositories from 1 to 100000")
    .max(100_000, "must be a whole number of repositories from 1 to 100000")
    .default(500),
  SYNC_REPOSITORIES_AT_ONCE: z.coerce
    .number({ error: "must be a whole number of repositories from 1 to 1000000" })
    .int("must be a whole number of repositories from 1 to 1000000")
    .min(1, "must be a whole number of repositories from 1 to 1000000")
    .max(1_000_000, "must be a whole number of repositories from 1 to 1000000")
    .default(1000),
  SYNC_CONCURRENCY: z.coerce
    .number({ error: "must be a whole number from 1 to 64" })
    .int("must be a whole number from 1 to 64")
    .min(1, "must be a whole number from 1 to 64")
    .max(64, "must be a whole number from 1 to 64")
    .default(16),
  SIMULATOR_SEED: z.coerce
    .number({ error: "must be a non-negative whole number" })
    .int("must be a non-negative whole number")
    .min(0, "must be a non-negative whole number")
    .default(42),
  SIMULATOR_SCALE: z.enum(["small", "medium", "large"]).default("small"),
  NEXT_RUNTIME: optionalText,
  REGISTRY_LEDGER_PRICING_FILE: optionalText,
  // Set by the launcher (npm start) for the web server it spawns: the simulator it runs, so the
  // size gate's route reaches the very registries the inventory was synced from.
  REGISTRY_LEDGER_SIMULATOR_ENDPOINT: optionalText.pipe(httpsUrl.optional()),
  REGISTRY_LEDGER_SIMULATOR_CA_FILE: optionalText,
  REGISTRY_LEDGER_MUTABLE_TAGS: optionalText.pipe(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(
                /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
                "must be a comma-separated list of tag names such as latest,prod",
              ),
          )
          .min(1, "must name at least one tag"),
      )
      .optional(),
  ),
  SIMULATOR_HISTORY_DAYS: z.coerce
    .number({ error: "must be a whole number of days from 0 to 730" })
    .int("must be a whole number of days from 0 to 730")
    .min(0, "must be a whole number of days from 0 to 730")
    .max(730, "must be a whole number of days from 0 to 730")
    .default(180),
  // Crash tests only: the sync SIGKILLs itself at the Nth pass of a named point (lib/sync/crash-points).
  REGISTRY_LEDGER_CRASH_AT: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z-]+(:[1-9][0-9]{0,6})?$/, "must be a crash point such as body-fetched:3")
      .optional(),
  ),
  // Where budget and anomaly alerts are POSTed as JSON; unset: alerts are only listed on Findings.
  REGISTRY_LEDGER_ALERT_WEBHOOK_URL: optionalText.pipe(
    z
      .string()
      .trim()
      .url("must be a URL such as https://hooks.example.com/ledger")
      .refine((v) => /^https?:\/\//.test(v), "must be an http:// or https:// URL")
      .optional(),
  ),
  REGISTRY_LEDGER_BUDGET_THRESHOLDS: optionalText.pipe(
    z
      .string()
      .transform((text, ctx) => {
        try {
          return parseThresholds(text);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: `${(error as Error).message}` });
          return z.NEVER;
        }
      })
      .optional(),
  ),
  // Its content (a JSON fault plan) is validated when the simulator starts, naming the bad field.
  SIMULATOR_FAULTS_FILE: optionalText,
  SIMULATOR_PORT: z.coerce
    .number({ error: "must be a port number (0 = random)" })
    .int("must be a port number (0 = random)")
    .min(0, "must be a port number (0 = random)")
    .max(65535, "must be a port number (0 = random)")
    .default(0),
});

export type AuthSettings = {
  mode: "none" | "oidc" | "easyauth";
  /** The interface the web server binds to: loopback in local mode unless HOST says otherwise. */
  host: string;
  /** Local mode on a non-loopback interface, accepted only when REGISTRY_LEDGER_ALLOW_ANONYMOUS=true. */
  allowAnonymous: boolean;
  oidc:
    | {
        issuer: string;
        clientId: string;
        clientSecret: string;
        secret: string;
        url: string;
        apiAudience: string | undefined;
        /** Microsoft Graph (or a stand-in): where a groups overage's memberships are read. */
        graphUrl: string;
      }
    | undefined;
  /** Bearer tokens from pipelines (every mode but none): the issuer whose JWKS signs them and their audience. */
  bearer: { issuer: string; audience: string } | undefined;
  /** AUTH_URL in any mode: the address browsers use, whose origin every write must come from. */
  publicUrl: string | undefined;
};

export type Env = {
  auth: AuthSettings;
  /** REGISTRY_LEDGER_TOKEN: the bearer token CLIs send to a remote instance (npm run gate -- --url). */
  remoteToken: string | undefined;
  /** "next" inside the Next.js server (set by Next itself), "node" in CLIs, workers and tests. */
  runtime: "next" | "node";
  databaseUrl: string | undefined;
  /**
   * DATABASE_POOLER=transaction: DATABASE_URL goes through a transaction-mode pooler (PgBouncer),
   * where a server connection is lent per transaction: no named statements, no session state.
   * directUrl (DATABASE_DIRECT_URL) reaches the server itself, for migrations' session locks.
   */
  databasePooler: "none" | "transaction";
  databaseDirectUrl: string | undefined;
  dataDir: string;
  port: number;
  source: "azure" | "simulator";
  azure: {
    subscriptionIds: string[] | undefined;
    armEndpoint: string;
    armAudience: string;
    acrAudience: string;
    accessToken: string | undefined;
    /** Each attempt of each outbound request (the SDKs' retries then apply to a timed-out attempt). */
    requestTimeoutSeconds: number;
  };
  /** timeoutMinutes: the deadline of one sync, after which it stops and records "timed out". */
  sync: {
    schedule: string;
    concurrency: number;
    timeoutMinutes: number;
    /** A queued registry with more repositories than this is read as several jobs, one per batch of this many. */
    batchRepositories: number;
    /** Repositories one worker process holds in memory at once over all its registry and batch jobs (lib/jobs/memory-budget.ts). */
    repositoriesAtOnce: number;
    /** Data-plane requests per minute per registry SKU the sync allows itself (ACR's limits × fraction); null: no budget. */
    readBudget: { perMinute: Record<"Basic" | "Standard" | "Premium", number>; fraction: number } | null;
  };
  /** The longest a cleanup plan computation may run before it stops with a 503 naming the limit. */
  planTimeoutSeconds: number;
  /** A JSON pricing file overriding the default list prices (currency, SKU/region prices, discount). */
  pricingFile: string | undefined;
  /** Tag names treated as production-like mutable tags: their moves are findings. */
  mutableTags: string[];
  /** Crash tests only: where the sync kills itself ("point" or "point:n", the Nth pass). */
  crashAt: string | undefined;
  alerts: {
    /** REGISTRY_LEDGER_ALERT_WEBHOOK_URL: where each alert is POSTed once, as JSON. */
    webhookUrl: string | undefined;
    /** REGISTRY_LEDGER_BUDGET_THRESHOLDS: the percents of a budget that raise an alert. */
    budgetThresholds: readonly Threshold[];
  };
  simulator: {
    seed: number;
    scale: "small" | "medium" | "large";
    port: number;
    /** Days of history the first start replays through the simulator (0: one sync only). */
    historyDays: number;
    /** A fault plan the simulator applies to its answers (lib/simulator/fault-plan.ts). */
    faultsFile: string | undefined;
    /** The simulator answers 429 past ACR's read limits per registry SKU. */
    readLimits: boolean;
    /** The simulator the launcher runs (its ARM endpoint and CA file), when this process is its web server. */
    running: { armEndpoint: string; caFile: string } | undefined;
  };
};

export const DEFAULT_MUTABLE_TAGS = ["latest", "prod", "stable", "release"];

export function parseEnv(vars: Record<string, string | undefined>): Env {
  const result = schema.safeParse(vars);
  if (!result.success) {
    const lines = [
      ...new Set(
        result.error.issues.map(
          (i) => `  ${String(i.path[0])}: ${i.message} (got ${JSON.stringify(vars[String(i.path[0])])})`,
        ),
      ),
    ];
    throw new LedgerError("config", `Invalid configuration:\n${lines.join("\n")}`);
  }
  const v = result.data;
  if (v.DATABASE_POOLER === "transaction" && v.DATABASE_URL && !v.DATABASE_DIRECT_URL)
    throw new LedgerError(
      "config",
      "Invalid configuration:\n  DATABASE_DIRECT_URL: required with DATABASE_POOLER=transaction (the server's own port, e.g. 5432 on Azure, for migrations)",
    );
  const azureConfigured = Boolean(
    v.AZURE_SUBSCRIPTION_IDS || v.AZURE_ARM_ENDPOINT || v.AZURE_ACCESS_TOKEN || v.AZURE_CLIENT_ID || v.AZURE_TENANT_ID,
  );
  const armEndpoint = v.AZURE_ARM_ENDPOINT ?? PUBLIC_ARM_ENDPOINT;
  const armAudience = v.AZURE_ARM_AUDIENCE ?? new URL(armEndpoint).origin;
  return {
    auth: authSettings(v),
    remoteToken: v.REGISTRY_LEDGER_TOKEN,
    runtime: v.NEXT_RUNTIME ? "next" : "node",
    databaseUrl: v.DATABASE_URL,
    databasePooler: v.DATABASE_POOLER,
    databaseDirectUrl: v.DATABASE_DIRECT_URL,
    dataDir: path.resolve(v.REGISTRY_LEDGER_DATA_DIR ?? path.join(process.cwd(), ".data")),
    port: v.PORT,
    source: v.REGISTRY_LEDGER_SOURCE ?? (azureConfigured ? "azure" : "simulator"),
    azure: {
      subscriptionIds: v.AZURE_SUBSCRIPTION_IDS,
      armEndpoint,
      armAudience,
      acrAudience: v.AZURE_ACR_AUDIENCE ?? armAudience,
      accessToken: v.AZURE_ACCESS_TOKEN,
      requestTimeoutSeconds: v.AZURE_REQUEST_TIMEOUT_SECONDS,
    },
    sync: {
      schedule: v.SYNC_SCHEDULE ?? "0 */6 * * *",
      concurrency: v.SYNC_CONCURRENCY,
      timeoutMinutes: v.SYNC_TIMEOUT_MINUTES,
      batchRepositories: v.SYNC_BATCH_REPOSITORIES,
      repositoriesAtOnce: v.SYNC_REPOSITORIES_AT_ONCE,
      readBudget: readBudget(v.ACR_READ_LIMITS, v.ACR_READ_BUDGET_FRACTION),
    },
    planTimeoutSeconds: v.PLAN_TIMEOUT_SECONDS,
    pricingFile: v.REGISTRY_LEDGER_PRICING_FILE ? path.resolve(v.REGISTRY_LEDGER_PRICING_FILE) : undefined,
    mutableTags: v.REGISTRY_LEDGER_MUTABLE_TAGS ?? DEFAULT_MUTABLE_TAGS,
    crashAt: v.REGISTRY_LEDGER_CRASH_AT,
    alerts: {
      webhookUrl: v.REGISTRY_LEDGER_ALERT_WEBHOOK_URL,
      budgetThresholds: v.REGISTRY_LEDGER_BUDGET_THRESHOLDS ?? DEFAULT_THRESHOLDS,
    },
    simulator: {
      seed: v.SIMULATOR_SEED,
      scale: v.SIMULATOR_SCALE,
      port: v.SIMULATOR_PORT,
      historyDays: v.SIMULATOR_HISTORY_DAYS,
      faultsFile: v.SIMULATOR_FAULTS_FILE ? path.resolve(v.SIMULATOR_FAULTS_FILE) : undefined,
      readLimits: v.SIMULATOR_READ_LIMITS === "on",
      running:
        v.REGISTRY_LEDGER_SIMULATOR_ENDPOINT && v.REGISTRY_LEDGER_SIMULATOR_CA_FILE
          ? { armEndpoint: v.REGISTRY_LEDGER_SIMULATOR_ENDPOINT, caFile: v.REGISTRY_LEDGER_SIMULATOR_CA_FILE }
          : undefined,
    },
  };
}

/** ACR's documented ReadOps per minute, with the SKUs ACR_READ_LIMITS names replaced. */
function readBudget(limits: string | undefined, fraction: number): Env["sync"]["readBudget"] {
  if (limits?.trim().toLowerCase() === "off") return null;
  const perMinute = { Basic: 1_000, Standard: 3_000, Premium: 10_000 };
  for (const pair of limits?.split(",") ?? []) {
    const [sku, value] = pair.split("=").map((s) => s.trim());
    const name = (["Basic", "Standard", "Premium"] as const).find((k) => k.toLowerCase() === sku.toLowerCase());
    if (name) perMinute[name] = Number(value);
  }
  return { perMinute, fraction };
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || host.startsWith("127.");
}

function authSettings(v: z.output<typeof schema>): AuthSettings {
  const mode = v.AUTH_MODE;
  const host = v.HOST ?? (mode === "none" ? "127.0.0.1" : "0.0.0.0");
  const problems: string[] = [];
  if (mode === "none" && !isLoopback(host) && !v.REGISTRY_LEDGER_ALLOW_ANONYMOUS) {
    problems.push(
      `  HOST: ${host} with AUTH_MODE=none would let anyone who reaches the port read every team's costs and change ` +
        "the policy: set AUTH_MODE=oidc or easyauth, or REGISTRY_LEDGER_ALLOW_ANONYMOUS=true to accept that",
    );
  }
  let oidc: AuthSettings["oidc"];
  if (mode === "oidc") {
    const required = {
      AUTH_OIDC_ISSUER: v.AUTH_OIDC_ISSUER,
      AUTH_OIDC_CLIENT_ID: v.AUTH_OIDC_CLIENT_ID,
      AUTH_OIDC_CLIENT_SECRET: v.AUTH_OIDC_CLIENT_SECRET,
      AUTH_SECRET: v.AUTH_SECRET,
      AUTH_URL: v.AUTH_URL,
    };
    const missing = Object.entries(required).filter(([, value]) => !value);
    for (const [name] of missing) problems.push(`  ${name}: required with AUTH_MODE=oidc`);
    if (missing.length === 0) {
      oidc = {
        issuer: required.AUTH_OIDC_ISSUER!,
        clientId: required.AUTH_OIDC_CLIENT_ID!,
        clientSecret: required.AUTH_OIDC_CLIENT_SECRET!,
        secret: required.AUTH_SECRET!,
        url: required.AUTH_URL!,
        apiAudience: v.AUTH_API_AUDIENCE,
        graphUrl: v.AUTH_GRAPH_URL ?? "https://graph.microsoft.com",
      };
    }
  }
  if (problems.length > 0) throw new LedgerError("config", `Invalid configuration:\n${problems.join("\n")}`);
  const audience = v.AUTH_API_AUDIENCE ?? v.AUTH_OIDC_CLIENT_ID;
  const bearer =
    mode !== "none" && v.AUTH_OIDC_ISSUER && audience ? { issuer: v.AUTH_OIDC_ISSUER, audience } : undefined;
  return { mode, host, allowAnonymous: v.REGISTRY_LEDGER_ALLOW_ANONYMOUS, oidc, bearer, publicUrl: v.AUTH_URL };
}

/** The environment of this process, parsed on each call (cheap) so late-set variables are seen. */
export function getEnv(): Env {
  return parseEnv(process.env);
}

/** What `npm start -- --demo-sign-in` sets for its web server, pointing it at the demo identity provider. */
export const DEMO_SIGN_IN_VARIABLES = [
  "AUTH_MODE",
  "HOST",
  "AUTH_OIDC_ISSUER",
  "AUTH_OIDC_CLIENT_ID",
  "AUTH_OIDC_CLIENT_SECRET",
  "AUTH_SECRET",
  "AUTH_URL",
  "AUTH_API_AUDIENCE",
  "AUTH_GRAPH_URL",
] as const;

/** For the launcher and test harnesses: the one sanctioned way to set a variable for this process and its children. */
export function setEnvVar(
  name:
    | "DATABASE_URL"
    | "DATABASE_DIRECT_URL"
    | "DATABASE_POOLER"
    | "NODE_EXTRA_CA_CERTS"
    | "REGISTRY_LEDGER_SIMULATOR_ENDPOINT"
    | "REGISTRY_LEDGER_SIMULATOR_CA_FILE"
    | (typeof DEMO_SIGN_IN_VARIABLES)[number],
  value: string,
): void {
  process.env[name] = value;
}
