// Fault plans: validation naming the bad field, and the budgets' determinism.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isLedgerError } from "../errors";
import { parseFaultPlan, readFaultPlan } from "./fault-plan";
import { FaultInjector, type RequestInfo } from "./faults";

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(isLedgerError(error, "config")).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a config error");
};

describe("parseFaultPlan", () => {
  it("fills defaults", () => {
    const plan = parseFaultPlan({
      rules: [
        { kind: "throttle" },
        { kind: "error" },
        { kind: "digestMismatch" },
        { kind: "registryDeleted", registry: "r" },
      ],
    });
    expect(plan.seed).toBe(1);
    expect(plan.rules).toEqual([
      { kind: "throttle", retryAfterSeconds: 1 },
      { kind: "error", status: 500 },
      { kind: "digestMismatch", mode: "body" },
      { kind: "registryDeleted", scope: "details", registry: "r" },
    ]);
  });

  it("names each bad field", () => {
    const message = messageOf(() =>
      parseFaultPlan({
        rules: [
          { kind: "error", status: 502 },
          { kind: "stall", msx: 3 },
          { kind: "manifestDeleted", digest: "sha256:abc" },
          { kind: "throttle", probability: 2 },
          { kind: "nonsense" },
        ],
      }),
    );
    expect(message).toContain("rules[0].status: must be 500 or 503");
    expect(message).toContain('rules[1]: Unrecognized key: "msx"');
    expect(message).toContain("rules[2].digest: must be a sha256:<64 hex> digest");
    expect(message).toContain("rules[3].probability");
    expect(message).toContain("rules[4].kind");
    expect(messageOf(() => parseFaultPlan({ seed: 1 }))).toContain("rules");
  });

  it("reads a file, and says when it cannot", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fault-plan-"));
    const good = path.join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ seed: 4, rules: [{ kind: "reset", count: 2 }] }));
    expect(readFaultPlan(good).rules).toEqual([{ kind: "reset", count: 2 }]);
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "{ rules: ");
    expect(messageOf(() => readFaultPlan(bad, "SIMULATOR_FAULTS_FILE"))).toMatch(
      /fault plan .*bad\.json \(SIMULATOR_FAULTS_FILE\) is not JSON/,
    );
    expect(messageOf(() => readFaultPlan(path.join(dir, "missing.json")))).toMatch(/Cannot read the fault plan/);
  });
});

describe("fault budgets", () => {
  const arm = (registry: string, key = `GET /${registry}`): RequestInfo => ({ kind: "arm", registry, key });

  it("acts after `after` matches, on every nth, at most `count` times, only on matching registries", () => {
    const faults = new FaultInjector(() => 0);
    faults.setPlan({ rules: [{ kind: "registryDeleted", registry: "Prod", after: 2, every: 2, count: 2 }] });
    const decisions = Array.from({ length: 10 }, () => faults.registryDeleted(arm("prod"), "details"));
    expect(decisions).toEqual([false, false, false, true, false, true, false, false, false, false]);
    expect(faults.registryDeleted(arm("dev"), "details")).toBe(false);
    expect(faults.registryDeleted(arm("prod"), "list")).toBe(false);
  });

  it("draws probabilities from the seed and the request, whatever the order of requests", () => {
    const plan = { seed: 9, rules: [{ kind: "subscriptionForbidden" as const, probability: 0.5 }] };
    const keys = Array.from({ length: 40 }, (_, i) => `GET /subscriptions/s${i}`);
    const decide = (order: string[]) => {
      const faults = new FaultInjector(() => 0);
      faults.setPlan(plan);
      return new Map(order.map((key) => [key, faults.subscriptionForbidden({ kind: "arm", key })]));
    };
    const forward = decide(keys);
    const backward = decide([...keys].reverse());
    expect(keys.map((k) => backward.get(k))).toEqual(keys.map((k) => forward.get(k)));
    const hits = [...forward.values()].filter(Boolean).length;
    expect(hits).toBeGreaterThan(5);
    expect(hits).toBeLessThan(35);
    const otherSeed = new FaultInjector(() => 0);
    otherSeed.setPlan({ ...plan, seed: 10 });
    expect(keys.map((key) => otherSeed.subscriptionForbidden({ kind: "arm", key }))).not.toEqual(
      keys.map((k) => forward.get(k)),
    );
  });

  it("keeps the test API's shorthands", () => {
    const faults = new FaultInjector(() => 0);
    faults.set({ kind: "armForbidden", provider: "Microsoft.Web" });
    expect(faults.providerForbidden({ kind: "arm", key: "x" }, "microsoft.web")).toBe(true);
    expect(faults.providerForbidden({ kind: "arm", key: "x" }, "Microsoft.App")).toBe(false);
    faults.set(null);
    expect(faults.providerForbidden({ kind: "arm", key: "x" }, "Microsoft.Web")).toBe(false);
  });
});
