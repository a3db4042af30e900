import { describe, expect, it } from "vitest";
import { countReplicas } from "./replica-count";

describe("countReplicas", () => {
  it("does not count the home region Azure lists among replications", () => {
    expect(countReplicas("eastus", ["eastus", "westeurope", "japaneast"])).toBe(2);
  });

  it("compares locations regardless of case and spaces", () => {
    expect(countReplicas("East US", ["eastus", "West Europe", "westeurope"])).toBe(1);
  });

  it("is zero without replications", () => {
    expect(countReplicas("eastus", [])).toBe(0);
  });
});
