/**
 * The pricing file format, shared by default-pricing.json and override files
 * (REGISTRY_LEDGER_PRICING_FILE). Every field is optional here because an override names only
 * what it changes; the defaults file must be complete (completePricingFileSchema). Objects are
 * strict so a misspelt field is reported instead of silently ignored.
 * Prices are decimal strings of at most 6 decimals ("0.1666"), parsed straight into micros so no
 * float ever holds money; a JSON number is accepted too and read by its shortest decimal form.
 */
import { z } from "zod";
import { userKeyedRecord } from "../validation";
import { parseMoney } from "./money";

const price = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    const micros = parseMoney(String(value));
    if (micros >= 0n) return micros;
    ctx.addIssue({ code: "custom", message: `must not be negative (got ${JSON.stringify(value)})` });
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `must be a decimal string such as "0.1666": ${(error as Error).message}` });
  }
  return z.NEVER;
});

const wholeNumber = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(0, "must not be negative");

const skuPrices = z.strictObject({ unitPerDay: price, includedGiB: wholeNumber });
const partialSkuPrices = skuPrices.partial();

const completePrices = z.strictObject({
  skus: z.strictObject({ Basic: skuPrices, Standard: skuPrices, Premium: skuPrices }),
  storagePerGiBMonth: price,
  replicationUnitPerDay: price,
  taskPerVcpuSecond: price,
  taskFreeVcpuSecondsPerMonth: wholeNumber,
});

/** Prices a file may set at top level or per region, each optional. */
export const partialPricesSchema = completePrices
  .extend({
    skus: z.strictObject({ Basic: partialSkuPrices, Standard: partialSkuPrices, Premium: partialSkuPrices }).partial(),
  })
  .partial();

const settings = z.strictObject({
  id: z.string().min(1),
  readOn: z.iso.date("must be a date YYYY-MM-DD"),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code such as USD"),
  source: z.string().min(1),
  discountPercent: z
    .number({ error: "must be a number from 0 to 100" })
    .min(0, "must be from 0 to 100")
    .max(100, "must be from 0 to 100"),
  defaultTaskCpu: z.number({ error: "must be a positive number" }).positive("must be a positive number"),
  replicaStorage: z.enum(["full-copy", "none"]),
  /** Keyed by ARM location ("westeurope"); matched case- and space-insensitively. */
  regions: userKeyedRecord(z.string(), partialPricesSchema, "must be an object of region → prices", "a region"),
});

export const pricingFileSchema = settings.extend(partialPricesSchema.shape).partial();
export type PricingFile = z.infer<typeof pricingFileSchema>;
export type PartialPrices = z.infer<typeof partialPricesSchema>;

export const completePricingFileSchema = settings.extend(completePrices.shape);
export type CompletePricingFile = z.infer<typeof completePricingFileSchema>;
