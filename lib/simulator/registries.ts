// Registry-level configuration: SKU, region, policies, network, tags, replicas, webhooks.
// Repositories, tasks and usages are filled in by the generator.
import type { Scale, SimRegistry, SimSubscription, SkuName } from "./estate";
import { LOCATIONS, SUBSCRIPTION_NAMES, TEAMS } from "./names";
import { guidFor, rngFor } from "./prng";
import { DAY_MS } from "../calendar";
import { HISTORY_START_MS } from "./clock";

export interface ScalePlan {
  subscriptions: number;
  /** Repository count per registry; the SKU cycles Basic, Standard, Premium. */
  repositories: number[];
}

export const SCALE_PLANS: Record<Scale, ScalePlan> = {
  small: { subscriptions: 2, repositories: [12, 20, 28] },
  medium: { subscriptions: 3, repositories: [40, 120, 260, 60, 180, 340] },
  large: { subscriptions: 4, repositories: [150, 450, 1400, 300, 900, 1800, 250, 700, 1650, 200, 600, 1600] },
};

const SKUS: SkuName[] = ["Basic", "Standard", "Premium"];
const ENVS = ["prod", "dev", "shared"] as const;

export function buildSubscriptions(seed: number, scale: Scale): SimSubscription[] {
  const tenantId = guidFor(seed, "tenant");
  return Array.from({ length: SCALE_PLANS[scale].subscriptions }, (_, i) => ({
    id: guidFor(seed, "subscription", i),
    displayName: SUBSCRIPTION_NAMES[i % SUBSCRIPTION_NAMES.length],
    tenantId,
  }));
}

/** Registry shells; `loginServer` is a placeholder until the server assigns ports. */
export function buildRegistryShells(seed: number, scale: Scale, subs: SimSubscription[]): SimRegistry[] {
  return SCALE_PLANS[scale].repositories.map((_, i) => {
    const r = rngFor(seed, "registry", scale, i);
    const sku = SKUS[i % 3];
    const env = ENVS[i % 3];
    const team = TEAMS[i % TEAMS.length];
    const name = `contoso${team}${env}${i < 3 ? "" : i}`;
    const location = LOCATIONS[i % LOCATIONS.length];
    const createdAt = new Date(HISTORY_START_MS - r.int(30, 700) * DAY_MS);
    const policyDate = new Date(createdAt.getTime() + r.int(1, 30) * DAY_MS);
    const premium = sku === "Premium";
    const replicaLocations = premium
      ? [location, ...LOCATIONS.filter((l) => l !== location).slice(i % 4, (i % 4) + 2)]
      : [];
    const restricted = premium && r.chance(0.5);
    return {
      subscriptionId: subs[i % subs.length].id,
      resourceGroup: `rg-${team}-${env}`,
      name,
      location,
      sku,
      loginServer: `${name}.azurecr.io`,
      createdAt,
      // The second registry of every estate (the Standard "dev" one) keeps the admin user and
      // anonymous pull on, so the demo always shows those findings.
      adminUserEnabled: r.chance(0.4) || i === 1,
      publicNetworkAccess: restricted && r.chance(0.5) ? "Disabled" : "Enabled",
      networkRuleSet: restricted
        ? { defaultAction: "Deny", ipRules: [{ action: "Allow", value: `203.0.113.${r.int(1, 250)}` }] }
        : { defaultAction: "Allow", ipRules: [] },
      anonymousPullEnabled: (sku !== "Basic" && r.chance(0.15)) || i === 1,
      zoneRedundancy: premium && r.chance(0.5) ? "Enabled" : "Disabled",
      policies: {
        retention: { status: premium ? "enabled" : "disabled", days: premium ? 30 : 7, lastUpdatedAt: policyDate },
        untaggedRetention: { status: premium ? "enabled" : "disabled", days: premium ? 30 : 7 },
        softDelete: {
          status: premium && r.chance(0.5) ? "enabled" : "disabled",
          retentionDays: 7,
          lastUpdatedAt: policyDate,
        },
        trust: { status: premium && r.chance(0.5) ? "enabled" : "disabled", type: "Notary" },
        quarantine: { status: "disabled" },
        export: { status: "enabled" },
        azureADAuthenticationAsArm: { status: "enabled" },
      },
      tags: { team, "cost-center": `CC-${100 + (i % TEAMS.length) * 10}`, environment: env },
      replications: replicaLocations.map((loc) => ({
        name: loc,
        location: loc,
        createdAt: loc === location ? createdAt : new Date(createdAt.getTime() + r.int(10, 200) * DAY_MS),
        regionEndpointEnabled: true,
        zoneRedundancy: "Disabled" as const,
      })),
      webhooks: Array.from({ length: r.int(sku === "Basic" ? 0 : 1, 3) }, (_, w) => ({
        name: `hook${w + 1}${team}`,
        location,
        status: r.chance(0.85) ? ("enabled" as const) : ("disabled" as const),
        scope: w === 0 ? "" : `${team}/*:*`,
        actions: w % 2 === 0 ? ["push"] : ["push", "delete"],
        serviceUri: `https://hooks.contoso.example/${team}/${w}`,
      })),
      tasks: [],
      runs: [],
      usages: [],
      repositories: [],
    };
  });
}
