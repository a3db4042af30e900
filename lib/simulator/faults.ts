/**
 * Applies a fault plan (./fault-plan.ts) to the simulator's requests. HTTP-level faults (429, 500,
 * 503, resets, stalls) answer in place of the route; content faults (deleted repositories and
 * manifests, moved tags, malformed lists, bodies whose digest does not match) are handed to the
 * route as an edit of its answer; token expiry revokes the registry's tokens; ARM faults are asked
 * for by the ARM routes. One rule acts on a request: the first whose match and budget allow it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./http";
import { acrError } from "./dataplane-shapes";
import { rngFor } from "./prng";
import { parseFaultPlan, type FaultPlan, type FaultPlanInput, type FaultRule, type RequestKind } from "./fault-plan";

/** The test API's single faults (kept as shorthands for one-rule plans). */
export type SimFault =
  | { kind: "error500"; registry: string }
  | { kind: "throttle"; every: number }
  | { kind: "armForbidden"; provider: "Microsoft.App" | "Microsoft.Web" };

export type RequestInfo = {
  kind: RequestKind;
  registry?: string;
  subscription?: string;
  repository?: string;
  digest?: string;
  /** Method and path: with its occurrence count, what a probability draw is keyed by. */
  key: string;
};

/** How a route must alter its answer. */
export type ResponseEdit =
  | "malformedJson"
  | "tagMoved"
  | "digestHeader"
  | "digestBody"
  | "repositoryDeleted"
  | "manifestDeleted"
  | "firstScopeOnly";

const LISTS: RequestKind[] = ["catalog", "repository", "manifests", "tags"];
const REPOSITORY_SCOPED: RequestKind[] = ["repository", "manifests", "tags", "tag", "manifest", "manifestBody"];
const DATA_PLANE: RequestKind[] = ["token", "ping", ...LISTS, "tag", "manifest", "manifestBody"];

/** The requests each rule kind can act on when the rule names no `path`. */
const DEFAULT_KINDS: Record<FaultRule["kind"], RequestKind[]> = {
  throttle: [...DATA_PLANE, "arm"],
  error: [...DATA_PLANE, "arm"],
  reset: [...DATA_PLANE, "arm"],
  stall: [...DATA_PLANE, "arm"],
  tokenExpiry: [...LISTS, "tag", "manifest", "manifestBody"],
  firstScopeOnly: ["token"],
  repositoryDeleted: REPOSITORY_SCOPED,
  manifestDeleted: ["manifest", "manifestBody"],
  tagMoved: ["tags", "tag"],
  malformedJson: LISTS,
  digestMismatch: ["manifestBody"],
  registryDeleted: ["arm"],
  subscriptionForbidden: ["arm"],
  providerForbidden: ["arm"],
};

const sameName = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** A rule with its counters. */
class ActiveRule {
  private seen = 0;
  private hits = 0;
  private readonly occurrences = new Map<string, number>();
  constructor(
    readonly rule: FaultRule,
    private readonly seed: number,
    private readonly index: number,
  ) {}

  matches(info: RequestInfo): boolean {
    const r = this.rule;
    if (
      !(r.path
        ? r.path === info.kind && DEFAULT_KINDS[r.kind].includes(info.kind)
        : DEFAULT_KINDS[r.kind].includes(info.kind))
    )
      return false;
    if (r.registry !== undefined && !sameName(r.registry, info.registry)) return false;
    if (r.repository !== undefined && r.repository !== info.repository) return false;
    if (r.digest !== undefined && r.digest !== info.digest) return false;
    if (
      r.kind === "subscriptionForbidden" &&
      r.subscription !== undefined &&
      !sameName(r.subscription, info.subscription)
    )
      return false;
    return true;
  }

  /** Counts a matching request against the budget: true when the rule acts on it. */
  take(info: RequestInfo): boolean {
    const r = this.rule;
    this.seen += 1;
    if (r.after !== undefined && this.seen <= r.after) return false;
    if (r.every !== undefined && this.seen % r.every !== 0) return false;
    // Tokens expire once unless the rule says how often: each expiry is a new exchange for every client.
    const count = r.count ?? (r.kind === "tokenExpiry" ? 1 : undefined);
    if (count !== undefined && this.hits >= count) return false;
    if (r.probability !== undefined) {
      const n = (this.occurrences.get(info.key) ?? 0) + 1;
      this.occurrences.set(info.key, n);
      if (!rngFor(this.seed, "fault", this.index, info.key, n).chance(r.probability)) return false;
    }
    this.hits += 1;
    return true;
  }
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  /** Per registry (lower case): tokens issued before this sequence number are rejected. */
  private readonly revokedBefore = new Map<string, number>();

  constructor(
    /** The sequence number the next token will carry (see auth.ts). */
    private readonly currentTokenSeq: () => number,
    /** Told of each fault applied, by rule kind. */
    private readonly onFault: (kind: FaultRule["kind"]) => void = () => undefined,
  ) {}

  /** Replaces the plan (null: no faults); counters start again. */
  setPlan(plan: FaultPlanInput | FaultPlan | null): void {
    const parsed = plan ? parseFaultPlan(plan) : null;
    this.rules = (parsed?.rules ?? []).map((r, i) => new ActiveRule(r, parsed!.seed, i));
    this.revokedBefore.clear();
  }

  /** The test API's shorthands. */
  set(fault: SimFault | null): void {
    if (!fault) return this.setPlan(null);
    if (fault.kind === "error500")
      return this.setPlan({ rules: [{ kind: "error", status: 500, registry: fault.registry }] });
    if (fault.kind === "armForbidden")
      return this.setPlan({ rules: [{ kind: "providerForbidden", provider: fault.provider }] });
    this.setPlan({ rules: [{ kind: "throttle", every: Math.max(1, fault.every), retryAfterSeconds: 1 }] });
  }

  /** The first rule of `kinds` that acts on the request, its budget counted. */
  private act<K extends FaultRule["kind"]>(
    info: RequestInfo,
    kinds: readonly K[],
  ): Extract<FaultRule, { kind: K }> | null {
    for (const active of this.rules) {
      if (!(kinds as readonly string[]).includes(active.rule.kind) || !active.matches(info)) continue;
      if (!active.take(info)) continue;
      this.onFault(active.rule.kind);
      return active.rule as Extract<FaultRule, { kind: K }>;
    }
    return null;
  }

  tokenIssuedBefore(registry: string): number {
    return this.revokedBefore.get(registry.toLowerCase()) ?? 0;
  }

  /**
   * Runs a request through the plan: answers it (or never does) itself, or calls `proceed` with
   * the edit its route must make (null: none). ARM requests take only the HTTP-level faults here.
   */
  handle(
    info: RequestInfo,
    req: IncomingMessage,
    res: ServerResponse,
    proceed: (edit: ResponseEdit | null) => Promise<void> | void,
  ): Promise<void> | void {
    if (info.registry && info.kind !== "arm" && this.act(info, ["tokenExpiry"]))
      this.revokedBefore.set(info.registry.toLowerCase(), this.currentTokenSeq());
    const rule = this.act(info, [
      "throttle",
      "error",
      "reset",
      "stall",
      "repositoryDeleted",
      "manifestDeleted",
      "tagMoved",
      "malformedJson",
      "digestMismatch",
      "firstScopeOnly",
    ]);
    if (!rule) return proceed(null);
    switch (rule.kind) {
      case "throttle":
        req.resume();
        return sendJson(res, 429, acrError("TOOMANYREQUESTS", "simulated throttling"), {
          "Retry-After": String(rule.retryAfterSeconds),
        });
      case "error":
        req.resume();
        return sendJson(
          res,
          rule.status,
          acrError(rule.status === 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR", "simulated failure"),
        );
      case "reset":
        req.socket.destroy();
        return;
      case "stall":
        // Never answered: the client's timeout ends it (closing the simulator drops the socket).
        if (rule.ms === undefined) return;
        setTimeout(() => {
          if (res.destroyed) return;
          Promise.resolve(proceed(null)).catch(() => res.destroy());
        }, rule.ms).unref();
        return;
      case "digestMismatch":
        return proceed(rule.mode === "header" ? "digestHeader" : "digestBody");
      default:
        return proceed(rule.kind);
    }
  }

  /** A resource provider (e.g. Microsoft.Web) whose subscription-wide lists answer 403. */
  providerForbidden(info: RequestInfo, provider: string): boolean {
    return this.actWhen(info, (r) => r.kind === "providerForbidden" && sameName(r.provider, provider));
  }

  /** The subscription's registry lists answer 403. */
  subscriptionForbidden(info: RequestInfo): boolean {
    return this.actWhen(info, (r) => r.kind === "subscriptionForbidden");
  }

  /** The registry is deleted in Azure as far as this request is concerned (`scope` of the rule). */
  registryDeleted(info: RequestInfo, scope: "details" | "list"): boolean {
    return this.actWhen(info, (r) => r.kind === "registryDeleted" && r.scope === scope);
  }

  private actWhen(info: RequestInfo, applies: (rule: FaultRule) => boolean): boolean {
    for (const active of this.rules) {
      if (!applies(active.rule) || !active.matches(info) || !active.take(info)) continue;
      this.onFault(active.rule.kind);
      return true;
    }
    return false;
  }
}
