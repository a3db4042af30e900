/**
 * The import rule in eslint.config.mjs holds the architecture: run it on imports that break the
 * layering, and on ones that keep it, as files at the places they would live.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, imports: string[]): Promise<string[]> {
  const code = imports.map((spec, i) => `import * as m${i} from "${spec}";\nvoid m${i};`).join("\n") + "\n";
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message.split("'")[1]);
}

describe("the layering rule", () => {
  it("keeps a concept's pure root off the database, Azure, the environment, server code, Next and the UI", async () => {
    const wrong = [
      "@/lib/db",
      "../database/transaction",
      "@/lib/azure/clients",
      "../sync/run-sync",
      "../env",
      "./server/get-cost-month",
      "@/lib/chargeback/server/config-store",
      "next/link",
      "@prisma/client",
      "@/components/ui/money",
      "../../app/api/_lib/read-body",
    ];
    expect(await restrictedImports("lib/costs/new-rule.ts", wrong)).toEqual(wrong);
  }, 60_000);

  it("lets the pure root import other pure rules and shared helpers", async () => {
    const right = ["./money", "../chargeback/config", "@/lib/calendar", "@/lib/errors", "@/lib/validation", "zod"];
    expect(await restrictedImports("lib/stale/new-rule.ts", right)).toEqual([]);
  }, 60_000);

  it("lets server code and reports read the database, but nothing under lib/ import app/ or components/", async () => {
    expect(await restrictedImports("lib/costs/server/new-read.ts", ["@/lib/db", "../money", "@/lib/env"])).toEqual([]);
    expect(await restrictedImports("lib/costs/new-report.ts", ["./server/get-cost-month"])).toEqual([]);
    expect(
      await restrictedImports("lib/sync/new-step.ts", ["@/components/ui/money", "@/app/api/_lib/read-body"]),
    ).toEqual(["@/components/ui/money", "@/app/api/_lib/read-body"]);
  }, 60_000);
});
