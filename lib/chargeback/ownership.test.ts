import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { parseChargebackConfig } from "./config";
import { matchingRules, resolveOwner } from "./ownership";

const config = parseChargebackConfig({
  rules: [
    { registry: "*", repository: "payments/**", team: "payments" },
    { registry: "contosoprod", repository: "*-web", team: "web" },
    { registryTag: "team=platform", repository: "**", team: "platform" },
  ],
});
const prod = { name: "ContosoProd", tags: {} };

describe("resolveOwner globs", () => {
  it("matches ** across slashes (and the prefix itself), * within one segment, the first matching rule winning", () => {
    expect(resolveOwner(prod, "payments", config)).toEqual({ team: "payments", rule: 0 });
    expect(resolveOwner(prod, "payments/api/worker", config)).toEqual({ team: "payments", rule: 0 });
    expect(resolveOwner(prod, "shop-web", config)).toEqual({ team: "web", rule: 1 });
    expect(resolveOwner(prod, "team/shop-web", config)).toEqual({ team: "unallocated", rule: null });
    expect(resolveOwner({ name: "other", tags: { team: "platform" } }, "team/shop-web", config)).toEqual({
      team: "platform",
      rule: 2,
    });
    expect(matchingRules(config)({ name: "x", tags: { Team: "platform" } }, "payments/api")).toEqual([0, 2]);
  });

  it("refuses a rule whose glob would backtrack or is over the limits, naming the rule", () => {
    let thrown: unknown;
    try {
      parseChargebackConfig({
        rules: [
          { registry: "*", repository: `${"*?".repeat(20)}!`, team: "a" },
          { registry: "*", repository: "!(a)", team: "b" },
        ],
      });
    } catch (error) {
      thrown = error;
    }
    expect(isLedgerError(thrown, "validation")).toBe(true);
    const lines = (thrown as Error).message.split("\n");
    expect(lines).toContain(`  rules[0].repository: "${"*?".repeat(20)}!" has 40 wildcards; at most 32 are allowed`);
    expect(lines.some((line) => line.startsWith('  rules[1].repository: "!(a)" uses "(": groups and extglobs'))).toBe(
      true,
    );
  });
});
