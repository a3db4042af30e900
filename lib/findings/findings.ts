/**
 * Registry findings: each with a stable code, a severity, evidence quoting the values
 * it rests on, and the monthly saving of acting on it where there is one (full month at the
 * registry's home-region prices, its current stored bytes, tasks excluded).
 * Savings of different findings are alternatives, not a sum: "could be Standard" and "a cheaper
 * SKU would hold the stored bytes" both price a downgrade of the same registry.
 */
import { daysBetween, daysInMonth, isoDay } from "@/lib/calendar";
import { formatMoney, formatRational } from "../costs/money";
import { fullMonthCost } from "../costs/monthly-cost";
import { pricesFor } from "../costs/pricing";
import { billableReplicaLocations, replicaMonthlyCosts } from "../costs/replication";
import { toSku } from "../costs/sku";
import { SKUS, type Finding, type Micros, type Pricing, type Sku } from "../costs/types";

export type RegistryFacts = {
  name: string;
  sku: string;
  location: string;
  adminUserEnabled: boolean;
  publicNetworkAccess: string | null;
  networkRuleDefaultAction: string | null;
  networkRuleIpCount: number;
  anonymousPullEnabled: boolean;
  privateEndpointCount: number;
  zoneRedundancy: string | null;
  retentionPolicyStatus: string | null;
  replicaLocations: string[];
  storedBytes: bigint;
  lastPushAt: Date | null;
};

export const IDLE_AFTER_DAYS = 90;

const isEnabled = (value: string | null) => value?.toLowerCase() === "enabled";

export function evaluateFindings(
  facts: RegistryFacts,
  input: { pricing: Pricing; month: string; today: string },
): Finding[] {
  const { pricing } = input;
  const sku = toSku(facts.sku);
  const prices = pricesFor(pricing, facts.location);
  const days = daysInMonth(input.month);
  const money = (micros: Micros) => `${formatMoney(micros, 2)} ${pricing.currency}`;
  const gib = (bytes: bigint) => `${formatRational(bytes, 1n << 30n, 2)} GiB`;
  const monthlyOn = (target: Sku) =>
    fullMonthCost({
      sku: target,
      storedBytes: facts.storedBytes,
      replicas: 0,
      prices,
      days,
      replicaStorage: pricing.replicaStorage,
    }).total;
  const findings: Finding[] = [];
  const add = (
    code: string,
    title: string,
    severity: Finding["severity"],
    evidence: string,
    monthlySaving: Micros | null = null,
  ) => findings.push({ registry: facts.name, code, title, severity, evidence, monthlySaving });

  if (facts.adminUserEnabled) {
    add(
      "admin-user-enabled",
      "Admin user enabled",
      "high",
      "adminUserEnabled is true: one shared username/password with push and pull rights on every repository.",
    );
  }

  // ARM omits publicNetworkAccess on older registries; its default is Enabled, so a missing value counts as open.
  const publicAccess = facts.publicNetworkAccess ?? "Enabled";
  const defaultAction = facts.networkRuleDefaultAction ?? "Allow";
  if (
    publicAccess.toLowerCase() === "enabled" &&
    defaultAction.toLowerCase() === "allow" &&
    facts.networkRuleIpCount === 0
  ) {
    const note = sku === "Premium" ? "" : ` Network rules need the Premium SKU (this registry is ${sku}).`;
    add(
      "public-network-open",
      "Public network access with no network rules",
      "high",
      `publicNetworkAccess is ${facts.publicNetworkAccess ?? "not reported (Azure's default: Enabled)"}, network rule default action ${facts.networkRuleDefaultAction ?? "not set (Allow)"}, ${facts.networkRuleIpCount} IP rules: reachable from any address.${note}`,
    );
  }

  if (facts.anonymousPullEnabled) {
    add(
      "anonymous-pull-enabled",
      "Anonymous pull enabled",
      "medium",
      "anonymousPullEnabled is true: anyone who can reach the registry can pull every image without credentials.",
    );
  }

  const replicas = billableReplicaLocations(facts);
  if (sku === "Premium") {
    // Network rules (IP rules or default Deny) are Premium-only in ACR too: a downgrade would drop them.
    const used = [
      replicas.length > 0 ? `${replicas.length} geo-replicas` : null,
      facts.privateEndpointCount > 0 ? `${facts.privateEndpointCount} private endpoints` : null,
      isEnabled(facts.zoneRedundancy) ? "zone redundancy" : null,
      isEnabled(facts.retentionPolicyStatus) ? "untagged-manifest retention" : null,
      facts.networkRuleIpCount > 0 || defaultAction.toLowerCase() === "deny" ? "network rules" : null,
    ].filter((feature): feature is string => feature !== null);
    const saving = monthlyOn("Premium") - monthlyOn("Standard");
    if (used.length === 0 && saving > 0n) {
      add(
        "premium-features-unused",
        "Premium registry using no Premium-only feature: could be Standard",
        "medium",
        `No geo-replicas, private endpoints, zone redundancy (${facts.zoneRedundancy ?? "not reported"}), retention policy (${facts.retentionPolicyStatus ?? "not reported"}) or network rules; stores ${gib(facts.storedBytes)}. Premium ${money(monthlyOn("Premium"))}/month, Standard ${money(monthlyOn("Standard"))}/month.`,
        saving,
      );
    }
    if (!isEnabled(facts.retentionPolicyStatus)) {
      add(
        "retention-off-premium",
        "Untagged-manifest retention off on a Premium registry",
        "low",
        `retentionPolicyStatus is ${facts.retentionPolicyStatus ?? "not reported"}: untagged manifests are kept (and stored) until deleted by hand, although Premium can expire them.`,
      );
    }
    if (used.length === 0) addCheaperSku(["Basic"]);
  } else {
    addCheaperSku(SKUS.filter((candidate) => prices.skus[candidate].unitPerDay < prices.skus[sku].unitPerDay));
  }

  function addCheaperSku(candidates: Sku[]) {
    const fitting = candidates
      .filter((candidate) => facts.storedBytes <= prices.skus[candidate].includedBytes)
      .map((candidate) => ({ candidate, saving: monthlyOn(sku) - monthlyOn(candidate) }))
      .filter((option) => option.saving > 0n)
      .sort((a, b) => (a.saving > b.saving ? -1 : a.saving < b.saving ? 1 : 0));
    const best = fitting[0];
    if (!best) return;
    add(
      "cheaper-sku-fits",
      `A cheaper SKU would hold the stored bytes: ${best.candidate}`,
      "low",
      `Stores ${gib(facts.storedBytes)}, within ${best.candidate}'s included ${gib(prices.skus[best.candidate].includedBytes)}. ${sku} ${money(monthlyOn(sku))}/month, ${best.candidate} ${money(monthlyOn(best.candidate))}/month (check ${best.candidate}'s lower throughput and webhook limits).`,
      best.saving,
    );
  }

  const idleDays = facts.lastPushAt ? daysBetween(isoDay(facts.lastPushAt), input.today) : null;
  if (idleDays === null || idleDays >= IDLE_AFTER_DAYS) {
    const unit = prices.skus[sku].unitPerDay;
    add(
      "idle-registry",
      "Idle registry still paying its daily unit",
      "medium",
      `${facts.lastPushAt ? `Last push ${isoDay(facts.lastPushAt)}, ${idleDays} days before ${input.today}` : "No push ever recorded"}; pays ${money(unit)} a day (${sku}), ${days} days in ${input.month}.`,
      unit * BigInt(days),
    );
  }

  for (const replica of replicaMonthlyCosts({ registry: facts, month: input.month, pricing })) {
    add(
      "replica-pulls-unknown",
      `Replica in ${replica.location}: pulls unknown`,
      "info",
      `Pulls per region are unknown: no ACR API exposes them, so whether this replica serves anyone cannot be told here. It costs ${money(replica.total)}/month (unit ${money(replica.unit)}, storage ${money(replica.storage)}); that is the saving if it serves no one.`,
      replica.total,
    );
  }
  return findings;
}
