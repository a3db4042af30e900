import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { planBudget } from "./plan-budget";

/** Synchronous work of the given length, as planning a repository is. */
function work(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("planBudget", () => {
  it("lets other callbacks run at a checkpoint once a slice of synchronous work has passed", async () => {
    const budget = planBudget(60_000);
    let ran = false;
    setImmediate(() => (ran = true));
    await budget.checkpoint();
    expect(ran).toBe(false); // nothing to hand over yet: the checkpoint stays a microtask
    work(60);
    await budget.checkpoint();
    expect(ran).toBe(true);
  });

  it("stops the computation past its limit with an unavailable error naming the limit", async () => {
    const budget = planBudget(20);
    await budget.checkpoint();
    work(30);
    const error = await budget.checkpoint().catch((e: unknown) => e);
    expect(isLedgerError(error, "unavailable")).toBe(true);
    expect((error as Error).message).toBe(
      "The cleanup plan computation exceeded its limit of 20 ms (PLAN_TIMEOUT_SECONDS) and was stopped; raise the limit or narrow the policy's keep patterns",
    );
  });
});
