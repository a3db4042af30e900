/**
 * The pricing file as the process reads it: any bytes in REGISTRY_LEDGER_PRICING_FILE give a
 * pricing table or a LedgerError("config") whose message names the file, never another error.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isLedgerError } from "../../errors";
import { getPricing } from "./get-pricing";

describe("getPricing with any file (property)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("answers a table or a config error naming the file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "pricing-property-"));
    const texts = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.json({ maxDepth: 3 }),
      fc.constantFrom("", "\uFEFF{}", "{}", "[]", "null", '{"discountPercent":', '{"currency":"EUR"}'),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const file = path.join(dir, `pricing-${n++}.json`);
        await writeFile(file, text);
        vi.stubEnv("REGISTRY_LEDGER_PRICING_FILE", file);
        try {
          expect((await getPricing()).currency).toMatch(/^[A-Z]{3}$/);
        } catch (error) {
          expect(isLedgerError(error, "config"), `not a config error: ${String(error)}`).toBe(true);
          expect((error as Error).message).toContain(file);
        }
      }),
      { numRuns: 60 },
    );
  });
});
