/**
 * The pricing table of this process: lib/costs/default-pricing.json, merged with the
 * override file named by REGISTRY_LEDGER_PRICING_FILE when set. Read once per process and per
 * override path (prices change by editing a file and restarting, never mid-request). The
 * defaults are imported rather than read by path so the Next server bundle carries them.
 */
import { readFile } from "node:fs/promises";
import defaults from "../default-pricing.json" with { type: "json" };
import { buildPricing } from "../pricing";
import type { Pricing } from "../types";
import { getEnv } from "../../env";
import { LedgerError, describeError } from "../../errors";

const loaded = new Map<string, Promise<Pricing>>();

export async function getPricing(): Promise<Pricing> {
  const overridePath = getEnv().pricingFile;
  const key = overridePath ?? "";
  let pricing = loaded.get(key);
  if (!pricing) {
    pricing = loadPricing(overridePath);
    loaded.set(key, pricing);
    // A failed read is not remembered: fixing the file and retrying must work.
    pricing.catch(() => loaded.delete(key));
  }
  return pricing;
}

async function loadPricing(overridePath: string | undefined): Promise<Pricing> {
  if (!overridePath) return buildPricing(defaults);
  let text: string;
  try {
    text = await readFile(overridePath, "utf8");
  } catch (error) {
    throw new LedgerError(
      "config",
      `Cannot read the pricing file ${overridePath} (REGISTRY_LEDGER_PRICING_FILE): ${describeError(error)}`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LedgerError("config", `The pricing file ${overridePath} is not valid JSON: ${describeError(error)}`, {
      cause: error,
    });
  }
  return buildPricing(defaults, { name: overridePath, json });
}
