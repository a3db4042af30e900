import type { RegistryDailyCosts } from "@/lib/costs/server/get-registry-daily-costs";
import { PricingNote } from "./pricing-note";
import { RegistryCostLines, RegistryDailyCostChart, RegistryDailyCostTable } from "./registry-daily-costs";

export function RegistryCostsPanels({ costs }: { costs: RegistryDailyCosts }) {
  return (
    <>
      <p className="muted">
        {costs.sku} · {costs.location} · subscription {costs.subscriptionId}
      </p>
      <RegistryDailyCostChart costs={costs} />
      <RegistryCostLines costs={costs} />
      <PricingNote pricing={costs.pricing} />
      <RegistryDailyCostTable costs={costs} />
    </>
  );
}
