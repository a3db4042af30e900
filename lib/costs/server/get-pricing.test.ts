import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getPricing } from "./get-pricing";

async function pricingFile(name: string, text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "pricing-")), name);
  await writeFile(file, text);
  return file;
}

describe("getPricing", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("serves the default table when no override file is configured", async () => {
    vi.stubEnv("REGISTRY_LEDGER_PRICING_FILE", "");
    const pricing = await getPricing();
    expect(pricing.id).toBe("azure-list-usd-2026-11-28");
    expect(pricing.skus.Premium.unitPerDay).toBe(1_666_600n);
    expect(await getPricing()).toBe(pricing); // read once per process
  });

  it("merges the override file", async () => {
    vi.stubEnv(
      "REGISTRY_LEDGER_PRICING_FILE",
      await pricingFile("acme.json", JSON.stringify({ currency: "EUR", discountPercent: 20 })),
    );
    const pricing = await getPricing();
    expect(pricing.currency).toBe("EUR");
    expect(pricing.skus.Basic.unitPerDay).toBe(133_280n); // 0.1666 × 0.8
    expect(pricing.id).toBe("azure-list-usd-2026-11-28+acme.json");
  });

  it("names the path of a missing, malformed or invalid file", async () => {
    const missing = path.join(tmpdir(), "no-such-pricing.json");
    vi.stubEnv("REGISTRY_LEDGER_PRICING_FILE", missing);
    await expect(getPricing()).rejects.toMatchObject({ code: "config", message: expect.stringContaining(missing) });

    const malformed = await pricingFile("bad.json", "{ not json");
    vi.stubEnv("REGISTRY_LEDGER_PRICING_FILE", malformed);
    await expect(getPricing()).rejects.toMatchObject({
      code: "config",
      message: expect.stringContaining(`${malformed} is not valid JSON`),
    });

    const invalid = await pricingFile("invalid.json", JSON.stringify({ taskPerVcpuSecond: "0.00000001" }));
    vi.stubEnv("REGISTRY_LEDGER_PRICING_FILE", invalid);
    await expect(getPricing()).rejects.toMatchObject({
      code: "config",
      message: expect.stringMatching(/invalid\.json:\n {2}taskPerVcpuSecond: /),
    });
  });
});
