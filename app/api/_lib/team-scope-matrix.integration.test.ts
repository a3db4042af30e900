/**
 * Team members against a synced simulator estate in easyauth mode: two teams own repositories by
 * the stored rules, each named by an Entra group. Every role, a member of team A and an identity
 * with no role and no team are sent to every API route and every CSV report (by name): the status
 * each gets, and for the member zero rows outside team A's repositories and, row for row, the same
 * figures an Admin reads for them. The page-level queries are read with the member's access too.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getReportRoute } from "@/app/api/reports/[name]/route";
import { decide, type Access, type Need } from "@/lib/auth/access";
import type { Identity } from "@/lib/auth/identity";
import { ROLES, type Role } from "@/lib/auth/roles";
import { simulatorConnection } from "@/lib/azure/connection";
import { parseChargebackConfig, type ChargebackConfig } from "@/lib/chargeback/config";
import { ownerResolver, toRegistryTags } from "@/lib/chargeback/ownership";
import { saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import { getChargebackMonth } from "@/lib/chargeback/server/get-chargeback-month";
import { getTeamDetail } from "@/lib/chargeback/server/get-team-detail";
import { listSizeRegressions } from "@/lib/image-size/server/list-size-regressions";
import { DEFAULT_TREND_SETTINGS } from "@/lib/image-size/image-size";
import { listReports } from "@/lib/reports/catalog";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { planAsOf } from "@/lib/stale/plan-as-of";
import { resolvePolicy } from "@/lib/stale/server/resolve-policy";
import { summarizeCleanupPlan } from "@/lib/stale/server/summarize-cleanup-plan";
import { listRepositoryStorageSeries } from "@/lib/storage-history/server/list-repository-storage-series";
import { listTagHistory } from "@/lib/storage-history/server/list-tag-history";
import { listTrendRepositories } from "@/lib/storage-history/server/list-trend-repositories";
import { getRepositoryDetail } from "@/lib/storage/server/get-repository-detail";
import { listRegistryNames } from "@/lib/storage/server/list-registry-names";
import { listRepositories } from "@/lib/storage/server/list-repositories";
import { runSync } from "@/lib/sync/run-sync";
import { TEST_ACTOR } from "@/lib/testing/actors";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createRepository } from "@/lib/testing/factories";
import { PUBLIC, ROUTE_NEED, type RouteNeed } from "./guarded-route";

const SYNC_DAYS = ["2026-10-05", "2026-10-12"];
const TODAY = "2026-10-20";
const MONTH = "2026-10";
const GROUP_A = "6f1d8a52-7c0e-4b7e-9a51-0a1b2c3d4e5f";
const GROUP_B = "0c9e7b43-2d1f-4e6a-8b3c-5d4e3f2a1b0c";
const TEAM_A = "payments";
const TEAM_B = "identity";
const ALL: Access = { kind: "all" };
const MEMBER: Access = { kind: "teams", teams: [TEAM_A] };
/** The reports a team member reads cut to its teams; every other report covers the whole estate. */
const TEAM_SCOPED_REPORTS = [
  "budgets",
  "chargeback",
  "cleanup-plan",
  "forecast",
  "image-size-trends",
  "repositories",
  "tag-history",
];
/** Options that make each report's rows non-empty and the same for every caller (a pinned clock). */
const REPORT_QUERY: Record<string, string> = {
  repositories: `asOf=${TODAY}`,
  "cleanup-plan": `asOf=${TODAY}`,
  chargeback: `month=${MONTH}&asOf=${TODAY}`,
  costs: `month=${MONTH}&asOf=${TODAY}`,
  forecast: `month=${MONTH}&asOf=${TODAY}`,
  budgets: `month=${MONTH}&asOf=${TODAY}`,
};

let sim: RunningSimulator;
let testDb: TestDatabase;
let config: ChargebackConfig;
/** JSON [registry, repository] of team A's current repositories, by the rules as the Teams page reads them. */
let teamA: Set<string>;
let teamB: Set<string>;
/** Whether the rules give team A this (registry, repository), current or only in history. */
let ownedByA: (registry: string, repository: string) => boolean;

const key = (registry: string, repository: string) => JSON.stringify([registry, repository]);

type Handler = ((request?: Request, context?: unknown) => Promise<Response>) & { [ROUTE_NEED]?: RouteNeed };

/** Every API route's handlers by "METHOD /api/path", as the route matrix finds them. */
async function routeHandlers(): Promise<Map<string, Handler>> {
  const app = path.resolve(import.meta.dirname, "../..");
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return files(full);
      return entry.name === "route.ts" ? [full] : [];
    });
  const handlers = new Map<string, Handler>();
  for (const file of files(path.join(app, "api"))) {
    const url = `/${path.relative(app, path.dirname(file)).split(path.sep).join("/")}`;
    const module = (await import(file)) as Record<string, unknown>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"])
      if (typeof module[method] === "function") handlers.set(`${method} ${url}`, module[method] as Handler);
  }
  return handlers;
}

/** An Easy Auth principal header with these roles and groups. */
function principal(roles: Role[], groups: string[] = []): string {
  const claims = [
    ...roles.map((val) => ({ typ: "roles", val })),
    ...groups.map((val) => ({ typ: "groups", val })),
    { typ: "name", val: "matrix user" },
  ];
  return Buffer.from(JSON.stringify({ auth_typ: "aad", name_typ: "name", role_typ: "roles", claims })).toString(
    "base64",
  );
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, scale: "small", date: new Date(`${SYNC_DAYS[0]}T12:00:00Z`) });
  testDb = await createTestDatabase();
  for (const day of SYNC_DAYS) {
    const asOf = new Date(`${day}T12:00:00Z`);
    sim.setDate(asOf);
    const summary = await runSync({
      pool: testDb.pool,
      connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
      asOf,
    });
    expect(summary.status).toBe("succeeded");
  }
  config = parseChargebackConfig({
    teams: [
      { name: TEAM_A, costCenter: "CC-100", entraGroupIds: [GROUP_A], budget: { monthly: "250.00" } },
      { name: TEAM_B, costCenter: "CC-200", entraGroupIds: [GROUP_B], budget: { monthly: "250.00" } },
    ],
    rules: [
      { registry: "*", repository: "payments/**", team: TEAM_A },
      { registry: "*", repository: "identity/**", team: TEAM_B },
    ],
  });
  await saveChargebackConfig(JSON.stringify(config), TEST_ACTOR);
  const owner = ownerResolver(config);
  const registries = await testDb.db.registry.findMany({
    where: { removedAt: null },
    select: { id: true, name: true, tags: true, repositories: { select: { name: true } } },
  });
  const tagsByName = new Map(registries.map((r) => [r.name, toRegistryTags(r.tags)]));
  ownedByA = (registry, repository) =>
    owner({ name: registry, tags: tagsByName.get(registry)! }, repository).team === TEAM_A;
  // Repositories gone from the registry keep their tag trail: each team's stays its own.
  for (const name of ["payments/retired", "identity/retired"])
    await testDb.db.tagHistory.create({
      data: {
        registryId: registries[0].id,
        repositoryName: name,
        tag: "v1",
        digest: `sha256:${"a".repeat(64)}`,
        seenFrom: new Date(`${SYNC_DAYS[0]}T00:00:00Z`),
        seenTo: new Date(`${SYNC_DAYS[0]}T06:00:00Z`),
      },
    });
  teamA = new Set();
  teamB = new Set();
  for (const r of registries)
    for (const repository of r.repositories) {
      const team = owner({ name: r.name, tags: toRegistryTags(r.tags) }, repository.name).team;
      if (team === TEAM_A) teamA.add(key(r.name, repository.name));
      if (team === TEAM_B) teamB.add(key(r.name, repository.name));
    }
  // The estate this test needs: both teams own repositories, team A's in two registries at least.
  expect(new Set([...teamA].map((k) => (JSON.parse(k) as string[])[0])).size).toBeGreaterThanOrEqual(2);
  expect(teamB.size).toBeGreaterThan(0);
}, 240_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

const MEMBER_HEADER = { "x-ms-client-principal": principal([], [GROUP_A]) };

async function report(name: string, headers: Record<string, string>, query = REPORT_QUERY[name] ?? "") {
  const url = `http://localhost/api/reports/${name}.csv${query ? `?${query}` : ""}`;
  const response = await getReportRoute(new Request(url, { headers }), {
    params: Promise.resolve({ name: `${name}.csv` }),
  });
  const body = await response.text();
  const rows =
    response.status === 200 ? (parse(body, { columns: true, skip_empty_lines: true }) as Record<string, string>[]) : [];
  return { status: response.status, rows };
}

/** Which repository a report row is about; chargeback, forecast and budgets rows are about a team instead. */
function inTeamA(name: string, row: Record<string, string>): boolean {
  if (name === "chargeback") return row.x_Team === TEAM_A;
  if (name === "forecast" || name === "budgets") return row.team === TEAM_A;
  return ownedByA(row.registry, row.repository);
}

function reportNeed(name: string): Need {
  const found = listReports().find((r) => r.name === name)!;
  return "need" in found ? (found.need as Need) : { action: "read" };
}

describe("team members in easyauth mode", () => {
  beforeEach(() => vi.stubEnv("AUTH_MODE", "easyauth"));
  afterEach(() => vi.unstubAllEnvs());

  it("offers exactly the team-scoped reports to team members", () => {
    expect(
      listReports()
        .filter((r) => r.teamScoped)
        .map((r) => r.name)
        .sort(),
    ).toEqual(TEAM_SCOPED_REPORTS);
  });

  it("answers each role every report by its need, and the member its team's reports only", async () => {
    for (const { name } of listReports()) {
      for (const role of ROLES) {
        const identity: Identity = { subject: "r", name: "r", roles: [role], groups: [], via: "easyauth" };
        const { status } = await report(name, { "x-ms-client-principal": principal([role]) });
        expect(status, `${role} ${name}`).toBe(decide(identity, reportNeed(name), []).ok ? 200 : 403);
      }
      const member = await report(name, MEMBER_HEADER);
      expect(member.status, `member ${name}`).toBe(TEAM_SCOPED_REPORTS.includes(name) ? 200 : 403);
      const nobody = await report(name, {
        "x-ms-client-principal": principal([], ["99999999-9999-4999-8999-999999999999"]),
      });
      expect(nobody.status, `no role, no team ${name}`).toBe(403);
    }
  }, 240_000);

  it.each(TEAM_SCOPED_REPORTS)(
    "gives a member of team A the %s rows of its repositories only, each as an Admin reads it",
    async (name) => {
      const admin = await report(name, { "x-ms-client-principal": principal(["Ledger.Admin"]) });
      const member = await report(name, MEMBER_HEADER);
      expect(member.status).toBe(200);
      expect(member.rows.length, `${name}: the member has rows`).toBeGreaterThan(0);
      expect(
        admin.rows.some((row) => !inTeamA(name, row)),
        `${name}: others' rows exist`,
      ).toBe(true);
      expect(member.rows.filter((row) => !inTeamA(name, row))).toEqual([]);
      expect(member.rows).toEqual(admin.rows.filter((row) => inTeamA(name, row)));
    },
    120_000,
  );

  it("refuses a member's own rules on the chargeback report, which could claim any repository", async () => {
    const rules = JSON.stringify({ rules: [{ registry: "*", repository: "**", team: TEAM_A }] });
    const { status } = await report("chargeback", MEMBER_HEADER, `month=${MONTH}&rules=${encodeURIComponent(rules)}`);
    expect(status).toBe(403);
  });

  it("answers a member 403 on every API route but the team-scoped reports", async () => {
    const teams = config.teams;
    const member: Identity = { subject: "m", name: "m", roles: [], groups: [GROUP_A], via: "easyauth" };
    for (const [route, handler] of await routeHandlers()) {
      const need: RouteNeed | undefined = handler[ROUTE_NEED];
      if (need === undefined || need === PUBLIC) continue;
      const [method, url] = route.split(" ");
      // The reports route is checked report by report above; here with a registry-wide one.
      const request = new Request(`http://localhost${url.replace("[name]", "registries.csv")}`, {
        method,
        headers: { "content-type": "application/json", ...MEMBER_HEADER },
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      const response = await handler(request, { params: Promise.resolve({ name: "registries.csv" }) });
      expect(decide(member, need, teams).ok, route).toBe(route === "GET /api/reports/[name]");
      expect(response.status, route).toBe(403);
    }
  });
});

describe("the page queries with a member's access", () => {
  it("list and open team A's repositories only", async () => {
    const admin = await listRepositories({ pageSize: 1000, today: TODAY }, ALL);
    const member = await listRepositories({ pageSize: 1000, today: TODAY }, MEMBER);
    expect(member.total).toBe(teamA.size);
    expect(member.rows).toEqual(admin.rows.filter((r) => teamA.has(key(r.registryName, r.name))));
    const [mine] = [...teamA].map((k) => JSON.parse(k) as [string, string]);
    const [theirs] = [...teamB].map((k) => JSON.parse(k) as [string, string]);
    expect(await getRepositoryDetail(mine[0], mine[1], MEMBER)).toEqual(await getRepositoryDetail(...mine, ALL));
    expect(await getRepositoryDetail(theirs[0], theirs[1], MEMBER)).toBeNull();
    expect(await getRepositoryDetail(theirs[0], theirs[1], ALL)).not.toBeNull();
    const registries = [...new Set([...teamA].map((k) => (JSON.parse(k) as string[])[0]))].sort();
    expect(await listRegistryNames(MEMBER)).toEqual(registries);
    expect((await listRegistryNames(ALL)).length).toBeGreaterThan(registries.length);
  });

  it("offer team A's repositories on the trends page, with no series of another team's", async () => {
    const options = await listTrendRepositories(MEMBER);
    expect(options.map((o) => key(o.registry, o.repository)).sort()).toEqual([...teamA].sort());
    const [theirs] = [...teamB].map((k) => JSON.parse(k) as [string, string]);
    const pair = { registry: theirs[0], repository: theirs[1] };
    const window = { range: "90d" as const, today: TODAY, repositories: [pair] };
    expect((await listRepositoryStorageSeries(window, ALL)).points.length).toBeGreaterThan(0);
    expect((await listRepositoryStorageSeries(window, MEMBER)).points).toEqual([]);
  });

  it("read tag moves and size regressions of team A's repositories only", async () => {
    const moves = await listTagHistory({}, MEMBER, 1000);
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.filter((m) => !ownedByA(m.registry, m.repository))).toEqual([]);
    expect(moves.map((m) => m.repository)).toContain("payments/retired");
    const regressions = await listSizeRegressions({}, DEFAULT_TREND_SETTINGS, MEMBER);
    expect(regressions.filter((r) => !teamA.has(key(r.registry, r.repository)))).toEqual([]);
    expect(regressions).toEqual(
      (await listSizeRegressions({}, DEFAULT_TREND_SETTINGS, ALL)).filter((r) =>
        teamA.has(key(r.registry, r.repository)),
      ),
    );
  });

  it("summarise the cleanup plan as team A's share of the Admin's", async () => {
    const input = { policy: await resolvePolicy(undefined), asOf: planAsOf(TODAY) };
    const admin = await summarizeCleanupPlan({ ...input, access: ALL });
    const member = await summarizeCleanupPlan({ ...input, access: MEMBER, filter: { page: 1 } });
    const adminShare = admin.teams.find((t) => t.team === TEAM_A)!;
    expect(member.teams.map((t) => t.team)).toEqual([TEAM_A]);
    expect(member.teams[0]).toEqual(adminShare);
    expect(member.totals.manifestsDeleted).toBe(adminShare.manifestsDeleted);
    expect(member.items.rows.filter((i) => !teamA.has(key(i.registry, i.repository)))).toEqual([]);
    // A registry's freed bytes are the member's only where no other team deletes.
    for (const r of member.registries) {
      const whole = admin.registries.find((a) => a.registry === r.registry)!;
      expect([0, whole.reclaimableBytes]).toContain(r.reclaimableBytes);
      expect(r.storedBytes).toBe(0);
    }
  });

  it("give team A's chargeback lines and team page, and no page of another team", async () => {
    const admin = await getChargebackMonth(MONTH, { access: ALL, today: TODAY });
    const member = await getChargebackMonth(MONTH, { access: MEMBER, today: TODAY });
    expect(member.lines.length).toBeGreaterThan(0);
    expect(member.lines).toEqual(admin.lines.filter((l) => l.team === TEAM_A));
    expect(member.byTeam.map((t) => t.team)).toEqual([TEAM_A]);
    expect(member.totalMicros).toBe(admin.byTeam.find((t) => t.team === TEAM_A)!.micros);
    expect(await getTeamDetail(TEAM_B, MONTH, { access: MEMBER, today: TODAY })).toBeNull();
    const mine = await getTeamDetail(TEAM_A, MONTH, { access: MEMBER, today: TODAY, asOf: TODAY });
    const asAdmin = await getTeamDetail(TEAM_A, MONTH, { access: ALL, today: TODAY, asOf: TODAY });
    expect(mine!.totalMicros).toBe(asAdmin!.totalMicros);
    expect(mine!.repositories).toEqual(asAdmin!.repositories);
  });
});

describe("the member's repositories", () => {
  it("follow a saved rule and a new repository on the next read", async () => {
    const before = (await listRepositories({ pageSize: 1000 }, MEMBER)).total;
    const widened = { ...config, rules: [{ registry: "*", repository: "identity/**", team: TEAM_A }, ...config.rules] };
    await saveChargebackConfig(JSON.stringify(widened), TEST_ACTOR);
    try {
      // The rule moves team B's identity/** repositories; those its registry's tag gives it stay.
      const moved = [...teamB].filter((k) => (JSON.parse(k) as string[])[1].startsWith("identity/")).length;
      expect(moved).toBeGreaterThan(0);
      expect((await listRepositories({ pageSize: 1000 }, MEMBER)).total).toBe(before + moved);
    } finally {
      await saveChargebackConfig(JSON.stringify(config), TEST_ACTOR);
    }
    expect((await listRepositories({ pageSize: 1000 }, MEMBER)).total).toBe(before);
    const registry = await testDb.db.registry.findFirstOrThrow({ where: { removedAt: null } });
    await createRepository(testDb.db, registry.id, { name: "payments/fresh" });
    expect((await listRepositories({ pageSize: 1000 }, MEMBER)).total).toBe(before + 1);
  });
});
