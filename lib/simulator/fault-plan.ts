/**
 * A fault plan: rules that make the simulator misbehave as Azure sometimes does, each matching
 * requests by registry (and optionally repository, digest and request kind) with a budget (the
 * first `count` matches, after letting `after` through, or each match with a `probability` drawn
 * from the plan's seed). Read from JSON (`npm run simulator -- --faults FILE`,
 * SIMULATOR_FAULTS_FILE) and validated here, so a bad plan stops start-up naming the field.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { LedgerError } from "../errors";

/** What a request asks for: the data plane's routes, its token endpoints, or any ARM call. */
export const REQUEST_KINDS = [
  "token",
  "ping",
  "catalog",
  "repository",
  "manifests",
  "tags",
  "tag",
  "manifest",
  "manifestBody",
  "arm",
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

const common = {
  /** Registry name (case-insensitive); absent: every registry. */
  registry: z.string().min(1).optional(),
  repository: z.string().min(1).optional(),
  digest: z
    .string()
    .regex(/^sha256:[a-f0-9]{64}$/, "must be a sha256:<64 hex> digest")
    .optional(),
  /** Narrows the rule to one kind of request (each rule kind has its own default set). */
  path: z.enum(REQUEST_KINDS).optional(),
  /** Matching requests let through before the rule starts to act. */
  after: z.number().int().min(0).optional(),
  /** Acts on every nth matching request only. */
  every: z.number().int().min(1).optional(),
  /** How many matching requests the rule acts on (absent: all of them). */
  count: z.number().int().min(1).optional(),
  /** Acts on each matching request with this chance, drawn from the plan's seed and the request. */
  probability: z.number().min(0).max(1).optional(),
};

const rule = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("throttle"),
    retryAfterSeconds: z.number().int().min(0).max(60).default(1),
    ...common,
  }),
  z.strictObject({
    kind: z.literal("error"),
    status: z.union([z.literal(500), z.literal(503)], { error: "must be 500 or 503" }).default(500),
    ...common,
  }),
  z.strictObject({ kind: z.literal("reset"), ...common }),
  /** ms absent: the request is never answered (a client's timeout must end it). */
  z.strictObject({ kind: z.literal("stall"), ms: z.number().int().min(1).max(3_600_000).optional(), ...common }),
  /** Every ACR refresh and access token issued so far for the registry is rejected from then on (once, unless `count` says). */
  z.strictObject({ kind: z.literal("tokenExpiry"), ...common }),
  /** A token request is granted only the first of the scopes it asks for, as a token server may grant less than asked. */
  z.strictObject({ kind: z.literal("firstScopeOnly"), ...common }),
  z.strictObject({ kind: z.literal("repositoryDeleted"), ...common }),
  z.strictObject({ kind: z.literal("manifestDeleted"), ...common }),
  z.strictObject({ kind: z.literal("tagMoved"), ...common }),
  z.strictObject({ kind: z.literal("malformedJson"), ...common }),
  z.strictObject({ kind: z.literal("digestMismatch"), mode: z.enum(["header", "body"]).default("body"), ...common }),
  /** details: ARM answers 404 for the registry and its children; list: it leaves the registry lists. */
  z.strictObject({
    kind: z.literal("registryDeleted"),
    scope: z.enum(["details", "list"]).default("details"),
    ...common,
  }),
  z.strictObject({ kind: z.literal("subscriptionForbidden"), subscription: z.string().min(1).optional(), ...common }),
  z.strictObject({
    kind: z.literal("providerForbidden"),
    provider: z.enum(["Microsoft.App", "Microsoft.Web"]),
    ...common,
  }),
]);

export const faultPlanSchema = z.strictObject({
  /** Seed of the probability draws: the same plan against the same estate faults the same requests. */
  seed: z.number().int().min(0).default(1),
  rules: z.array(rule),
});

export type FaultRule = z.infer<typeof rule>;
export type FaultPlan = z.infer<typeof faultPlanSchema>;
export type FaultPlanInput = z.input<typeof faultPlanSchema>;

/** Validates a plan; the message names each bad field (`rules[2].status: must be 500 or 503`). */
export function parseFaultPlan(input: unknown, source = "fault plan"): FaultPlan {
  const result = faultPlanSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const where = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    return `  ${where || "(top level)"}: ${issue.message}`;
  });
  throw new LedgerError("config", `Invalid ${source}:\n${lines.join("\n")}`);
}

/** `via`: where the file was named (a flag or variable), for the message. */
export function readFaultPlan(file: string, via?: string): FaultPlan {
  const named = via ? `fault plan ${file} (${via})` : `fault plan ${file}`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new LedgerError(
      "config",
      `Cannot read the ${named}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LedgerError(
      "config",
      `The ${named} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseFaultPlan(json, named);
}
