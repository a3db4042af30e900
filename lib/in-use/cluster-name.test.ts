import { describe, expect, it } from "vitest";
import { parseClusterName } from "./cluster-name";

describe("parseClusterName", () => {
  it("trims a cluster name", () => {
    expect(parseClusterName("  prod-westeurope ")).toBe("prod-westeurope");
  });

  it("leaves the names of synced Azure sources to the sync", () => {
    expect(() => parseClusterName("azure-app-service/0000")).toThrow(
      "must not start with azure-container-apps/ or azure-app-service/",
    );
    expect(() => parseClusterName("Azure-Container-Apps/sub")).toThrow(
      "the sync keeps the Azure apps' images under those names",
    );
    expect(parseClusterName("azure-aks-prod")).toBe("azure-aks-prod");
  });
});
