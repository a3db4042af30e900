/**
 * FOCUS imports against the real database: a file replaces the billed amounts of the registries it
 * matches; an empty file, one matching no registry or one billed for another month is refused and
 * changes nothing (route, CLI, and any input the property test makes up).
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/chargeback/billed/route";
import { isoMonth } from "@/lib/calendar";
import { useTestDatabase } from "@/lib/testing/database";
import { focusCsvText } from "@/lib/testing/import-arbitraries";
import { createRegistry } from "@/lib/testing/factories";

const testDb = useTestDatabase();

const HEADER = "BillingPeriodStart,ChargePeriodStart,BilledCost,BillingCurrency,ResourceId";
const NOVEMBER = new Date("2026-11-01T00:00:00Z");
const OCTOBER = new Date("2026-10-01T00:00:00Z");

let alpha: string;
let beta: string;

/** Two registries billed for November, one for October too. */
beforeEach(async () => {
  alpha = (await createRegistry(testDb.db, { name: "alpha" })).armId;
  beta = (await createRegistry(testDb.db, { name: "beta" })).armId;
  await testDb.db.billedCost.createMany({
    data: [
      { month: NOVEMBER, resourceId: alpha, currency: "USD", billedMicros: 10_000_000n, rowCount: 2 },
      { month: NOVEMBER, resourceId: beta, currency: "USD", billedMicros: 20_000_000n, rowCount: 3 },
      { month: OCTOBER, resourceId: alpha, currency: "USD", billedMicros: 7_000_000n, rowCount: 1 },
    ],
  });
});

const billed = () => testDb.db.billedCost.findMany({ orderBy: [{ month: "asc" }, { resourceId: "asc" }] });
const post = (query: string, body: string) =>
  POST(
    new Request(`http://localhost/api/chargeback/billed${query}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "text/csv" },
    }),
  );

async function expectRefused(query: string, body: string, ...parts: string[]) {
  const before = await billed();
  const response = await post(query, body);
  expect(response.status).toBe(422);
  const { message } = await response.json();
  for (const part of parts) expect(message).toContain(part);
  expect(await billed()).toEqual(before);
}

describe("POST /api/chargeback/billed", () => {
  it("replaces only the registries the file bills, keeping the others and the other months", async () => {
    const response = await post(
      "?month=2026-11",
      `${HEADER}\n2026-11-01,2026-11-02,4.5,USD,${alpha.toUpperCase()}\n2026-11-01,2026-11-03,0.5,USD,${alpha}/replications/westus\n`,
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      month: "2026-11",
      matchedRows: 2,
      replacedRegistries: 1,
      registries: [{ registry: "alpha", billedMicros: "5000000", rowCount: 2 }],
    });
    expect((await billed()).map((b) => [isoMonth(b.month), b.resourceId, b.billedMicros])).toEqual([
      ["2026-10", alpha, 7_000_000n],
      ["2026-11", alpha, 5_000_000n],
      ["2026-11", beta, 20_000_000n],
    ]);
  });

  it("refuses a header-only file, naming why and how to mean it", async () => {
    await expectRefused(
      "?month=2026-11",
      `${HEADER}\n`,
      "Refusing an empty import for 2026-11: the file has no data rows",
      "allowEmpty=true",
    );
  });

  it("refuses a file billed for another month, naming both, even with allowEmpty", async () => {
    const october = `${HEADER}\n2026-10-01,2026-10-05,3,USD,${alpha}\n`;
    await expectRefused(
      "?month=2026-11",
      october,
      "the file's billing period is 2026-10 (BillingPeriodStart), not the requested month 2026-11",
    );
    await expectRefused("?month=2026-11&allowEmpty=true", october, "not the requested month 2026-11");
  });

  it("refuses a file whose rows match no registry, or of another charge month", async () => {
    const other = "/subscriptions/s/resourcegroups/rg/providers/microsoft.storage/storageaccounts/logs";
    await expectRefused(
      "?month=2026-11",
      `${HEADER}\n2026-11-01,2026-11-02,3,USD,${other}\n`,
      "none of its 1 rows of 2026-11 has the ResourceId of a registry",
      other,
    );
    const charged = "BilledCost,BillingCurrency,ResourceId,ChargePeriodStart";
    await expectRefused(
      "?month=2026-11&allowEmpty=true",
      `${charged}\n3,USD,${alpha},2026-10-04\n`,
      "the file's charge period is 2026-10 (ChargePeriodStart), not the requested month 2026-11",
    );
    await expectRefused("?month=2026-11", "Cost,ResourceId\n1,x\n", "missing column BilledCost");
    await expectRefused("?month=2026-11&allowEmpty=maybe", `${HEADER}\n`, "allowEmpty: expected true or false");
  });

  it("removes the month's billed amounts for an empty file with allowEmpty=true, and only that month's", async () => {
    const response = await post("?month=2026-11&allowEmpty=true", `${HEADER}\n`);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ month: "2026-11", registries: [], replacedRegistries: 2 });
    expect((await billed()).map((b) => b.month)).toEqual([OCTOBER]);
  });

  it("answers any made-up file with 201 or a 422 that changed nothing, never anything else (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        focusCsvText([alpha, beta]),
        fc.constantFrom("?month=2026-11", "?month=2026-10", "", "?month=2026-11&allowEmpty=true"),
        async (text, query) => {
          const before = await billed();
          const response = await post(query, text);
          expect([201, 422], await response.clone().text()).toContain(response.status);
          if (response.status === 422) {
            expect(await billed()).toEqual(before);
            return;
          }
          // Accepted: only the month's rows of the registries it billed changed (all of the month's for an allowed empty file).
          const result = await response.json();
          const billedNow = new Set<string>(result.registries.map((r: { resourceId: string }) => r.resourceId));
          const untouched = (b: (typeof before)[number]) =>
            isoMonth(b.month) !== result.month || (billedNow.size > 0 && !billedNow.has(b.resourceId));
          expect((await billed()).filter(untouched)).toEqual(before.filter(untouched));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("npm run import-billing", () => {
  const run = promisify(execFile);
  async function importBilling(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/import-billing.ts", ...args],
        {
          env: { NODE_ENV: "test", ...testDb.env },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it("exits 2 naming both months for a file of another billing period, and takes an empty file with --allow-empty", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "focus-"));
    const october = path.join(dir, "october.csv");
    await writeFile(october, `${HEADER}\n2026-10-01,2026-10-05,3,USD,${alpha}\n`);
    const before = await billed();
    const refused = await importBilling(["--month", "2026-11", october]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "the file's billing period is 2026-10 (BillingPeriodStart), not the requested month 2026-11",
    );
    expect(await billed()).toEqual(before);

    const empty = path.join(dir, "empty.csv");
    await writeFile(empty, `${HEADER}\n`);
    const allowed = await importBilling(["--month", "2026-11", "--allow-empty", empty]);
    expect(allowed).toMatchObject({
      code: 0,
      stdout: "Imported 2026-11: nothing billed; removed the month's billed amounts of 2 registries.\n",
    });
    expect((await billed()).map((b) => b.month)).toEqual([OCTOBER]);
  }, 60_000);
});
