import { describe, expect, it } from "vitest";
import type { AzureRegistry } from "../azure/types";
import { runPlan, type RunPlan } from "./run-plan";

const registry: AzureRegistry = {
  armId: "/subscriptions/s1/resourcegroups/rg/providers/microsoft.containerregistry/registries/acr1",
  subscriptionId: "s1",
  resourceGroup: "rg",
  name: "acr1",
  location: "westeurope",
  loginServer: "acr1.azurecr.io",
  skuName: "Premium",
  createdAt: new Date("2025-01-02T03:04:05.678Z"),
  adminUserEnabled: false,
  networkRuleIpCount: 0,
  anonymousPullEnabled: false,
  dataEndpointEnabled: true,
  privateEndpointCount: 2,
  retentionPolicyDays: 7,
  tags: { team: "payments" },
};

describe("a run's plan", () => {
  it("comes back from its JSON as it was stored, dates included", () => {
    const plan: RunPlan = {
      subscriptions: [{ id: "s1", armIds: [registry.armId] }],
      registries: [registry],
      concurrency: 8,
      deadlineAt: new Date("2026-09-01T12:30:00Z"),
      batchRepositories: 500,
    };
    expect(runPlan.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });

  it("refuses a registry without its login server", () => {
    const { loginServer: _dropped, ...rest } = registry;
    const stored = { subscriptions: [], registries: [rest], concurrency: 8, deadlineAt: "2026-09-01T12:30:00Z" };
    expect(runPlan.safeParse(JSON.parse(JSON.stringify(stored))).success).toBe(false);
  });
});
