import { describe, expect, it } from "vitest";
import { isLedgerError, type LedgerError } from "@/lib/errors";
import {
  costCenterOf,
  feeMethodFor,
  listNamedTeams,
  parseChargebackConfig,
  parseChargebackConfigText,
  serializeChargebackConfig,
  UNALLOCATED,
} from "./config";
import { resolveOwner } from "./ownership";

// The issue's document exactly as written: "platform" is named by a rule and a fee method only.
const ISSUE_EXAMPLE = {
  teams: [{ name: "payments", costCenter: "CC-200" }],
  rules: [
    { registry: "*", repository: "payments/**", team: "payments" },
    { registryTag: "team=platform", repository: "**", team: "platform" },
  ],
  fixedFees: { default: "proportional", byRegistry: { contosoprod: "owner:platform" } },
};

const problemsOf = (json: unknown): string => {
  try {
    parseChargebackConfig(json);
  } catch (error) {
    expect(isLedgerError(error, "validation")).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected the config to be rejected");
};

describe("parseChargebackConfig", () => {
  it("accepts the issue's document and round-trips through the canonical JSON", () => {
    const config = parseChargebackConfig(ISSUE_EXAMPLE);
    expect(config.rules[1]).toEqual({ registryTag: "team=platform", repository: "**", team: "platform" });
    const text = serializeChargebackConfig(config);
    expect(parseChargebackConfigText(text)).toEqual(config);
    expect(serializeChargebackConfig(parseChargebackConfigText(text))).toBe(text);
  });

  it("fills defaults for an empty document", () => {
    expect(parseChargebackConfig({})).toEqual({
      teams: [],
      rules: [],
      fixedFees: { default: "proportional", byRegistry: {} },
    });
  });

  it("names every bad field with its path", () => {
    const message = problemsOf({
      teams: [
        { name: "a", costCenter: "" },
        { name: "a", costCenter: "CC" },
        { name: "Unallocated", costCenter: "x" },
      ],
      rules: [
        { registry: "*", registryTag: "team=a", repository: "**", team: "a" },
        { repository: "x/*", team: "a" },
        { registry: "r", repository: "**", team: "ghost" },
        { registryTag: "novalue", repository: "**", team: "a", colour: "red" },
      ],
      fixedFees: { default: "split", byRegistry: { r1: "owner:ghost" } },
    });
    expect(message).toMatch(/^Invalid chargeback config:/);
    expect(message).toContain("teams[0].costCenter: must be a cost center");
    expect(message).toContain('teams[2].name: "unallocated" is reserved');
    expect(message).toContain("rules[0].registry: give exactly one of registry and registryTag");
    expect(message).toContain("rules[1].registry: give exactly one of registry and registryTag");
    expect(message).toContain("rules[3].registryTag: must be key=value");
    expect(message).toContain("rules[3].colour: unknown field");
    expect(message).toContain("fixedFees.default: must be");
  });

  it("carries each bad field as an issue with its dotted path, the message listing the same", () => {
    const document = {
      teams: [{ name: "a", costCenter: "" }, { name: "a" }],
      rules: [{ registryTag: "novalue", repository: "**", team: "a", colour: "red" }],
      fixedFees: { default: "split", byRegistry: { " r1": "owner:unallocated" } },
    };
    let error: unknown;
    try {
      parseChargebackConfig(document);
    } catch (caught) {
      error = caught;
    }
    expect(isLedgerError(error, "validation")).toBe(true);
    const { issues, message } = error as LedgerError;
    expect(issues).toEqual([
      { path: "teams.0.costCenter", message: "must be a cost center such as CC-200" },
      { path: "rules.0.registryTag", message: "must be key=value, such as team=payments" },
      { path: "rules.0.colour", message: "unknown field" },
      { path: "fixedFees.default", message: 'must be "proportional", "even" or "owner:<team>"' },
      { path: "teams.1.name", message: '"a" is declared twice' },
      { path: "fixedFees.byRegistry.r1", message: '"unallocated" is reserved for what no rule owns' },
    ]);
    expect(message.split("\n")).toEqual([
      "Invalid chargeback config:",
      "  teams[0].costCenter: must be a cost center such as CC-200",
      "  rules[0].registryTag: must be key=value, such as team=payments",
      "  rules[0].colour: unknown field",
      '  fixedFees.default: must be "proportional", "even" or "owner:<team>"',
      '  teams[1].name: "a" is declared twice',
      '  fixedFees.byRegistry.r1: "unallocated" is reserved for what no rule owns',
    ]);
  });

  it("names text that is not JSON as one issue about the whole config", () => {
    expect(() => parseChargebackConfigText("{nope")).toThrow(
      /^Invalid chargeback config:\n {2}\(config\): is not valid JSON: /,
    );
    try {
      parseChargebackConfigText("{nope");
    } catch (error) {
      expect((error as LedgerError).issues).toEqual([
        { path: "", message: expect.stringMatching(/^is not valid JSON: /) },
      ]);
    }
    expect(parseChargebackConfigText("\uFEFF{}")).toEqual(parseChargebackConfig({}));
  });

  it("rejects duplicate teams and the reserved unallocated as a rule's team or an owner", () => {
    const message = problemsOf({
      teams: [
        { name: "a", costCenter: "1" },
        { name: "a", costCenter: "2" },
      ],
      rules: [{ registry: "r", repository: "**", team: "Unallocated" }],
      fixedFees: { byRegistry: { r1: "owner:unallocated" } },
    });
    expect(message).toContain('teams[1].name: "a" is declared twice');
    expect(message).toContain('rules[0].team: "unallocated" is reserved');
    expect(message).toContain('fixedFees.byRegistry.r1: "unallocated" is reserved');
  });

  it("accepts teams that rules and owner methods name without declaring them, and teams without a cost center", () => {
    const config = parseChargebackConfig({
      teams: [{ name: "a" }],
      rules: [{ registry: "r", repository: "**", team: "ghost" }],
      fixedFees: { byRegistry: { r1: "owner:spirit" } },
    });
    expect(listNamedTeams(config)).toEqual(["a", "ghost", "spirit"]);
    expect(costCenterOf(config, "a")).toBe("");
    expect(parseChargebackConfig(JSON.parse(serializeChargebackConfig(config)))).toEqual(config);
  });

  it("reads a team's monthly budget and the document's currency, and round-trips them", () => {
    const config = parseChargebackConfig({
      teams: [{ name: "payments", budget: { monthly: " 250.00 " } }, { name: "search" }],
      currency: "EUR",
    });
    expect(config.teams[0].budget).toEqual({ monthly: "250.00" });
    expect(config.teams[1]).toEqual({ name: "search" });
    expect(config.currency).toBe("EUR");
    expect(parseChargebackConfigText(serializeChargebackConfig(config))).toEqual(config);
    expect(JSON.parse(serializeChargebackConfig(config))).toMatchObject({
      teams: [{ name: "payments", budget: { monthly: "250.00" } }, { name: "search" }],
      currency: "EUR",
    });
  });

  it("names a bad budget or currency", () => {
    const message = problemsOf({
      teams: [
        { name: "a", budget: { monthly: 250 } },
        { name: "b", budget: { monthly: "-5" } },
        { name: "c", budget: { monthly: "1.1234567" } },
        { name: "d", budget: { yearly: "1" } },
        { name: "e", budget: "250" },
      ],
      currency: "usd",
    });
    expect(message).toContain('teams[0].budget.monthly: must be a decimal amount as a string, such as "250.00"');
    expect(message).toContain("teams[1].budget.monthly: must be a decimal amount of at least 0");
    expect(message).toContain("teams[2].budget.monthly: must be a decimal amount of at least 0");
    expect(message).toMatch(/teams\[3\]\.budget.*yearly/);
    expect(message).toContain('teams[4].budget: must be an object such as {"monthly": "250.00"}');
    expect(message).toContain("currency: must be an ISO 4217 currency code such as USD");
  });

  it("names bad JSON", () => {
    expect(() => parseChargebackConfigText("{nope")).toThrow(/\(config\): is not valid JSON/);
  });

  it("picks the registry's fee method case-insensitively, else the default", () => {
    const config = parseChargebackConfig(ISSUE_EXAMPLE);
    expect(feeMethodFor(config, "ContosoProd")).toEqual({ kind: "owner", team: "platform" });
    expect(feeMethodFor(config, "other")).toEqual({ kind: "proportional" });
    expect(feeMethodFor({ ...config, fixedFees: { default: "even", byRegistry: {} } }, "x")).toEqual({ kind: "even" });
  });
});

describe("resolveOwner", () => {
  const config = parseChargebackConfig({
    ...ISSUE_EXAMPLE,
    teams: [...ISSUE_EXAMPLE.teams, { name: "web", costCenter: "CC-300" }],
    rules: [{ registry: "ContosoDev", repository: "web/*", team: "web" }, ...ISSUE_EXAMPLE.rules],
  });
  const dev = { name: "contosodev", tags: { Team: "payments" } };
  const plat = { name: "contosoprod", tags: { TEAM: "platform" } };

  it("takes the first matching rule; * stays within a segment, ** crosses slashes", () => {
    expect(resolveOwner(dev, "web/app", config)).toEqual({ team: "web", rule: 0 });
    expect(resolveOwner(dev, "payments/api/v2", config)).toEqual({ team: "payments", rule: 1 });
    expect(resolveOwner(plat, "payments/api", config)).toEqual({ team: "payments", rule: 1 });
    expect(resolveOwner(plat, "web/app/nested", config)).toEqual({ team: "platform", rule: 2 });
  });

  it("falls back to the registry's team tag (declared or not), else unallocated", () => {
    expect(resolveOwner(dev, "web/app/nested", config)).toEqual({ team: "payments", rule: "registry-tag" });
    expect(resolveOwner({ name: "x", tags: { team: "ghost" } }, "a", config)).toEqual({
      team: "ghost",
      rule: "registry-tag",
    });
    expect(resolveOwner({ name: "x", tags: { team: " " } }, "a", config)).toEqual({ team: UNALLOCATED, rule: null });
    expect(resolveOwner({ name: "x", tags: {} }, "a", config)).toEqual({ team: UNALLOCATED, rule: null });
  });
});
