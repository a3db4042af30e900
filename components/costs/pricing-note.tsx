import type { PricingView } from "@/lib/costs/cost-views";

/** Which price table and which date produced the figures, and the assumptions they rest on. */
export function PricingNote({ pricing }: { pricing: PricingView }) {
  return (
    <p className="muted small" data-testid="pricing-source" data-pricing-id={pricing.id}>
      Prices: <span className="strong">{pricing.source}</span> (table <code>{pricing.id}</code>, read on{" "}
      {pricing.readOn}
      {pricing.discountPercent ? `, ${pricing.discountPercent}% negotiated discount applied` : ""}), in{" "}
      {pricing.currency}.{" "}
      {pricing.replicaStorage === "full-copy"
        ? "Replica storage assumes each geo-replica holds a full copy of the registry's data"
        : "Replica storage is not billed (each geo-replica assumed to hold nothing billable)"}
      ; switch with <code>replicaStorage</code> (<code>full-copy</code> or <code>none</code>) in the pricing file (
      <code>REGISTRY_LEDGER_PRICING_FILE</code>). A day without a snapshot carries the previous one forward; task runs
      count on the day they finished.
    </p>
  );
}
