import { notFound } from "next/navigation";
import { getRegistryDailyCosts } from "@/lib/queries/costs/get-registry-daily-costs";
import { PricingNote } from "./pricing-note";
import { RegistryCostLines, RegistryDailyCostChart, RegistryDailyCostTable } from "./registry-daily-costs";

export async function RegistryCostsPanels({ name, month }: { name: string; month: string }) {
  const costs = await getRegistryDailyCosts({ name, month });
  if (!costs) notFound();
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
