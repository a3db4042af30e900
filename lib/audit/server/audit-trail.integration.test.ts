/**
 * Every change records exactly one audit event, in its own transaction, naming who made it (as the
 * route authorized them, or the OS user of a CLI), what it changed and what it replaced; a refused
 * change records nothing. The audit CSV prints the log with its exact header to FinOps and Admin only.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as postBilled } from "@/app/api/chargeback/billed/route";
import { PUT as putConfig } from "@/app/api/chargeback/config/route";
import { POST as postInUse } from "@/app/api/in-use/route";
import { GET as getReport } from "@/app/api/reports/[name]/route";
import { PUT as putPolicy } from "@/app/api/stale/policy/route";
import { POST as postSync } from "@/app/api/sync/route";
import type { Role } from "@/lib/auth/roles";
import { stopBosses } from "@/lib/jobs/boss";
import { submitPolicyForm } from "@/lib/stale/server/policy-form";
import { useTestDatabase } from "@/lib/testing/database";
import { createRegistry } from "@/lib/testing/factories";
import { viaCli } from "@/lib/testing/report-test-io";

const testDb = useTestDatabase();

beforeEach(() => vi.stubEnv("AUTH_MODE", "easyauth"));
afterEach(() => vi.unstubAllEnvs());
afterAll(() => stopBosses());

function signedIn(name: string, roles: Role[]): Record<string, string> {
  const claims = [...roles.map((val) => ({ typ: "roles", val })), { typ: "oid", val: `oid-${name}` }];
  const principal = Buffer.from(JSON.stringify({ auth_typ: "aad", claims })).toString("base64");
  return { "x-ms-client-principal": principal, "x-ms-client-principal-name": name };
}
const FINOPS = signedIn("Fiona FinOps", ["Ledger.FinOps"]);
const PLATFORM = signedIn("Pat Platform", ["Ledger.Platform"]);
const READER = signedIn("Rita Reader", ["Ledger.Reader"]);

function send(method: string, path: string, headers: Record<string, string>, body?: string, type?: string) {
  return new Request(`http://localhost${path}`, {
    method,
    body,
    headers: { ...headers, ...(type ? { "Content-Type": type } : {}) },
  });
}

const events = () => testDb.db.auditEvent.findMany({ orderBy: { id: "asc" } });

const TEAMS_A = JSON.stringify({
  teams: [{ name: "payments" }],
  rules: [{ registry: "*", repository: "**", team: "payments" }],
});
const TEAMS_B = JSON.stringify({
  teams: [{ name: "search" }],
  rules: [{ registry: "*", repository: "**", team: "search" }],
});

describe("the audit trail", () => {
  it("records each save of the teams document with its before and after, keeps it as a version, and nothing for a refusal", async () => {
    const first = await putConfig(send("PUT", "/api/chargeback/config", FINOPS, TEAMS_A, "application/json"));
    expect(first.status).toBe(200);
    const firstDocument = await first.text();
    expect(await events()).toEqual([
      expect.objectContaining({
        actor: "Fiona FinOps",
        actorSubject: "oid-Fiona FinOps",
        roles: ["Ledger.FinOps"],
        via: "easyauth",
        mode: "easyauth",
        action: "chargeback-config.save",
        target: "teams document",
        summary: "saved 1 teams, 1 rules, fees proportional (0 by registry); was none stored",
        before: null,
        after: firstDocument,
      }),
    ]);

    const invalid = await putConfig(
      send("PUT", "/api/chargeback/config", FINOPS, '{"rules":[{}]}', "application/json"),
    );
    expect(invalid.status).toBe(422);
    const forbidden = await putConfig(send("PUT", "/api/chargeback/config", READER, TEAMS_B, "application/json"));
    expect(forbidden.status).toBe(403);
    expect(await events()).toHaveLength(1);

    const second = await putConfig(send("PUT", "/api/chargeback/config", FINOPS, TEAMS_B, "application/json"));
    const secondDocument = await second.text();
    const [, saved] = await events();
    expect(saved).toMatchObject({ action: "chargeback-config.save", before: firstDocument, after: secondDocument });
    const versions = await testDb.db.chargebackConfigVersion.findMany({ orderBy: { id: "asc" } });
    expect(versions.map((v) => [v.document, v.savedBy])).toEqual([
      [firstDocument, "Fiona FinOps"],
      [secondDocument, "Fiona FinOps"],
    ]);
    // One transaction: the version and its event carry the same instant.
    expect(versions[1].savedAt).toEqual(saved.at);
  });

  it("records a stale policy save and a reset, with the documents they replaced, and nothing for an invalid one", async () => {
    const policy = '{"olderThanDays":30,"keepLatest":3}';
    const saved = await putPolicy(send("PUT", "/api/stale/policy", PLATFORM, policy, "application/json"));
    expect(saved.status).toBe(200);
    const document = await saved.text();
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [key, value] of Object.entries(fields)) data.set(key, value);
      return data;
    };
    const actor = {
      name: "Pat Platform",
      subject: "oid-pat",
      roles: ["Ledger.Platform"],
      via: "session",
      mode: "oidc",
    } as const;
    expect((await submitPolicyForm(form({ intent: "save", text: '{"keepLatest":-1}' }), actor)).status).toBe("invalid");
    expect((await submitPolicyForm(form({ intent: "reset" }), actor)).status).toBe("reset");
    expect(await events()).toEqual([
      expect.objectContaining({
        actor: "Pat Platform",
        via: "easyauth",
        action: "stale-policy.save",
        target: "stale policy",
        before: null,
        after: document,
      }),
      expect.objectContaining({
        actor: "Pat Platform",
        actorSubject: "oid-pat",
        via: "session",
        mode: "oidc",
        action: "stale-policy.reset",
        before: document,
        after: null,
      }),
    ]);
    expect((await events())[1].summary).toMatch(
      /^reset to the built-in rules \(older than 90 days, .*\); was older than 30 days/,
    );
  });

  it("records a bill import with the amounts it replaced, and nothing for a refused file", async () => {
    const registry = await createRegistry(testDb.db, { name: "shop" });
    const csv = (amount: string) =>
      `BilledCost,BillingCurrency,ResourceId,BillingPeriodStart\n${amount},USD,${registry.armId},2026-02-01\n`;
    const post = (body: string) =>
      postBilled(send("POST", "/api/chargeback/billed?month=2026-02", FINOPS, body, "text/csv"));
    expect((await post(csv("30"))).status).toBe(201);
    expect((await post("BilledCost,BillingCurrency,ResourceId,BillingPeriodStart\n")).status).toBe(422);
    expect((await post(csv("45.5"))).status).toBe(201);
    const resourceId = registry.armId.toLowerCase();
    expect(await events()).toEqual([
      expect.objectContaining({
        actor: "Fiona FinOps",
        action: "billing.import",
        target: "2026-02",
        before: "[]",
        after: JSON.stringify([{ resourceId, currency: "USD", billed: "30.000000" }]),
      }),
      expect.objectContaining({
        action: "billing.import",
        target: "2026-02",
        summary: "45.50 USD billed for 1 registries from 1 rows (0 matched no registry), replacing 1",
        before: JSON.stringify([{ resourceId, currency: "USD", billed: "30.000000" }]),
        after: JSON.stringify([{ resourceId, currency: "USD", billed: "45.500000" }]),
      }),
    ]);
  });

  it("records an in-use import from the route and one from the CLI as the OS user, and nothing for an empty upload", async () => {
    const post = (body: string) =>
      postInUse(send("POST", "/api/in-use?cluster=prod", PLATFORM, body, "application/octet-stream"));
    expect((await post("main.azurecr.io/shop/web:1\nmain.azurecr.io/shop/api:2\n")).status).toBe(201);
    expect((await post("# nothing\n")).status).toBe(422);
    const [event] = await events();
    expect(event).toMatchObject({
      actor: "Pat Platform",
      roles: ["Ledger.Platform"],
      action: "in-use.import",
      target: "prod",
      summary: "2 distinct image references from 2 lines",
      before: null,
    });
    expect(JSON.parse(event.after ?? "")).toMatchObject({ sourceKind: "list", referenceCount: 2, imageCount: 2 });

    const file = path.join(await mkdtemp(path.join(tmpdir(), "audit-")), "images.txt");
    await writeFile(file, "main.azurecr.io/shop/web:3\n");
    await promisify(execFile)(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/import-in-use.ts", "--cluster", "prod", file],
      { env: { NODE_ENV: "test", ...testDb.env } },
    );
    const cli = (await events())[1];
    expect(cli).toMatchObject({
      actor: userInfo().username,
      actorSubject: `os:${userInfo().username}`,
      roles: [],
      via: "cli",
      mode: "none",
      action: "in-use.import",
      target: "prod",
      before: event.after,
    });
    expect(cli.summary).toContain(", replacing the import of ");
  }, 60_000);

  it("records a queued sync request, and nothing when one is already queued (409)", async () => {
    const queued = await postSync(send("POST", "/api/sync", PLATFORM));
    expect(queued.status).toBe(202);
    const { jobId } = await queued.json();
    expect((await postSync(send("POST", "/api/sync", PLATFORM))).status).toBe(409);
    expect(await events()).toEqual([
      expect.objectContaining({
        actor: "Pat Platform",
        action: "sync.request",
        target: "every registry",
        summary: `sync queued (job ${jobId}, ui)`,
        before: null,
        after: null,
      }),
    ]);
  }, 60_000);
});

describe("the audit report", () => {
  const report = (query: string, headers: Record<string, string>) =>
    getReport(new Request(`http://localhost/api/reports/audit.csv${query}`, { headers }), {
      params: Promise.resolve({ name: "audit.csv" }),
    });

  it("prints at,actor,role,action,target,summary newest first to FinOps, filtered, and refuses Reader and Platform", async () => {
    await putConfig(send("PUT", "/api/chargeback/config", FINOPS, TEAMS_A, "application/json"));
    await putPolicy(send("PUT", "/api/stale/policy", PLATFORM, '{"keepLatest":3}', "application/json"));
    const [config, policy] = await events();
    const response = await report("", FINOPS);
    expect(response.status).toBe(200);
    expect((await response.text()).split("\n").filter(Boolean)).toEqual([
      "at,actor,role,action,target,summary",
      `${policy.at.toISOString()},Pat Platform,Ledger.Platform,stale-policy.save,stale policy,"${policy.summary}"`,
      `${config.at.toISOString()},Fiona FinOps,Ledger.FinOps,chargeback-config.save,teams document,"${config.summary}"`,
    ]);
    const filtered = await (await report("?action=chargeback-config.save&actor=fiona", FINOPS)).text();
    expect(filtered.split("\n").filter(Boolean)).toHaveLength(2);
    expect((await report("", READER)).status).toBe(403);
    expect((await report("", PLATFORM)).status).toBe(403);
    expect((await report("", signedIn("Ada Admin", ["Ledger.Admin"]))).status).toBe(200);
  });

  it("prints the same from npm run report -- audit, and refuses a bad day", async () => {
    vi.unstubAllEnvs();
    await putConfig(send("PUT", "/api/chargeback/config", {}, TEAMS_A, "application/json"));
    const cli = await viaCli(["audit", "--from", "2000-01-01"]);
    expect(cli.code).toBe(0);
    const lines = cli.stdout.split("\n").filter(Boolean);
    expect(lines[0]).toBe("at,actor,role,action,target,summary");
    expect(lines[1]).toMatch(/,local user,Ledger\.Admin,chargeback-config\.save,teams document,/);
    expect((await viaCli(["audit", "--to", "2026-02-30"])).code).toBe(2);
  });
});
