/**
 * The sync reads the apps of the simulated subscriptions (Container Apps, jobs, sites, slots,
 * sitecontainers) through the official SDKs, stores them as in-use imports, and the cleanup plan
 * keeps the digest a container app pins; a provider the identity may not read keeps its import.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/in-use/route";
import { simulatorConnection } from "../azure/connection";
import { parseImageReference } from "../in-use/image-reference";
import { DEFAULT_RULES } from "../stale/policy";
import { listCleanupPlan } from "../stale/server/list-cleanup-plan";
import { listAppImages } from "../simulator/apps";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { runSync } from "./run-sync";
import { appImportName } from "./sync-app-images";

const DAY1 = new Date("2026-10-01T12:00:00Z");
const DAY2 = new Date("2026-10-02T12:00:00Z");
const PLAN_AS_OF = new Date("2026-10-01T23:59:59.999Z");

let sim: RunningSimulator;
let testDb: TestDatabase;

const sync = (asOf: Date) =>
  runSync({ pool: testDb.pool, connection: simulatorConnection(sim.armEndpoint, sim.caCertPem), asOf, concurrency: 8 });

let firstSync: Awaited<ReturnType<typeof sync>>;

/** A full sync of the small estate: ~25 s alone, several times that on a busy 2-core machine. */
const FULL_SYNC_TIMEOUT_MS = 240_000;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "small", date: DAY1 });
  testDb = await createTestDatabase();
  firstSync = await sync(DAY1);
}, FULL_SYNC_TIMEOUT_MS);

afterAll(async () => {
  await sim.close();
  await testDb.drop();
});

type Stored = {
  cluster: string;
  source: string;
  imported_at: Date;
  resource_id: string;
  login_server: string;
  repository: string;
  tag: string | null;
  digest: string | null;
};

async function storedReferences(): Promise<Stored[]> {
  const { rows } = await testDb.pool.query<Stored>(
    `SELECT i.cluster_name AS cluster, i.source_kind AS source, i.imported_at, r.resource_id, r.login_server, r.repository, r.tag, r.digest
       FROM in_use_image_references r JOIN in_use_imports i ON i.id = r.import_id`,
  );
  return rows;
}

async function planItem(digest: string) {
  for await (const plan of listCleanupPlan({ policy: { ...DEFAULT_RULES, overrides: [] }, asOf: PLAN_AS_OF })) {
    const item = plan.items.find((i) => i.digest === digest);
    if (item) return item;
  }
  return undefined;
}

describe("in-use images synced from Azure apps", () => {
  it("stores every image the subscriptions' apps run, one import per subscription and source", async () => {
    expect(firstSync.status).toBe("succeeded");
    expect(firstSync.errors).toEqual([]);

    const stored = await storedReferences();
    const key = (
      resourceId: string,
      ref: { loginServer: string; repository: string; tag: string | null; digest: string | null },
    ) => `${resourceId} ${ref.loginServer}/${ref.repository}:${ref.tag}@${ref.digest}`;
    const expected = listAppImages(sim.estate().apps).map(({ resourceId, image }) => {
      const parsed = parseImageReference(image);
      if (!parsed.ok) throw new Error(parsed.error);
      return key(resourceId, parsed.reference);
    });
    const got = stored.map((r) =>
      key(r.resource_id, { loginServer: r.login_server, repository: r.repository, tag: r.tag, digest: r.digest }),
    );
    expect(new Set(got)).toEqual(new Set(expected));

    const imports = await testDb.pool.query<{ cluster_name: string; source_kind: string; imported_at: Date }>(
      "SELECT cluster_name, source_kind, imported_at FROM in_use_imports ORDER BY 1",
    );
    const names = sim.subscriptionIds
      .flatMap((s) => [appImportName("azure-app-service", s), appImportName("azure-container-apps", s)])
      .sort();
    expect(imports.rows.map((r) => r.cluster_name)).toEqual(names);
    expect(
      imports.rows.every(
        (r) => r.cluster_name.startsWith(`${r.source_kind}/`) && r.imported_at.getTime() === DAY1.getTime(),
      ),
    ).toBe(true);
  });

  it(
    "keeps, with reason in-use, a digest only a container app uses, which the plan deletes without it",
    async () => {
      const pinned = sim.estate().apps.protectedImages[0];
      const kept = await planItem(pinned.digest);
      expect(kept).toMatchObject({
        registry: pinned.registry,
        repository: pinned.repository,
        action: "keep",
        reasonCode: "in-use",
      });

      const name = appImportName("azure-container-apps", pinned.resourceId.split("/")[2]);
      await testDb.pool.query("DELETE FROM in_use_imports WHERE cluster_name = $1", [name]);
      try {
        const without = await planItem(pinned.digest);
        expect(without).toMatchObject({
          registry: pinned.registry,
          repository: pinned.repository,
          action: "delete",
          reasonCode: "stale-tags",
        });
      } finally {
        await sync(DAY1); // the next sync stores the removed import again
      }
    },
    FULL_SYNC_TIMEOUT_MS,
  );

  it(
    "keeps the previous import of a provider it may not read and records why, without failing the inventory",
    async () => {
      const sub = sim.subscriptionIds[0];
      const before = (await storedReferences()).filter((r) => r.cluster === appImportName("azure-app-service", sub));
      sim.setFault({ kind: "armForbidden", provider: "Microsoft.Web" });
      try {
        const summary = await sync(DAY2);
        expect(summary.status).toBe("succeeded");
        const forbidden = summary.errors.filter((e) =>
          e.message.includes("In-use images from App Service not read, previous kept"),
        );
        expect(forbidden.map((e) => e.registry).sort()).toEqual(
          sim.subscriptionIds.map((s) => `subscription ${s}`).sort(),
        );
        expect(forbidden[0].message).toContain("HTTP 403 AuthorizationFailed");
      } finally {
        sim.setFault(null);
      }
      const after = await storedReferences();
      expect(after.filter((r) => r.cluster === appImportName("azure-app-service", sub))).toEqual(before);
      expect(after.find((r) => r.cluster === appImportName("azure-container-apps", sub))!.imported_at.getTime()).toBe(
        DAY2.getTime(),
      );
      const run = await testDb.pool.query<{ errors: { message: string }[] }>(
        "SELECT errors FROM sync_runs ORDER BY id DESC LIMIT 1",
      );
      expect(run.rows[0].errors.some((e) => e.message.includes("Microsoft.Web"))).toBe(true);
    },
    FULL_SYNC_TIMEOUT_MS,
  );

  it("lists the Azure imports with subscription, date and counts in GET /api/in-use", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    const { imports } = (await response.json()) as {
      imports: {
        name: string;
        sourceKind: string;
        subscriptionId: string;
        importedAt: string;
        images: number;
        resources: number;
      }[];
    };
    const truth = listAppImages(sim.estate().apps);
    const expected = sim.subscriptionIds.flatMap((sub) =>
      (["azure-container-apps", "azure-app-service"] as const).map((source) => {
        const provider = source === "azure-container-apps" ? "/providers/Microsoft.App/" : "/providers/Microsoft.Web/";
        const mine = truth.filter(
          (t) => t.resourceId.startsWith(`/subscriptions/${sub}/`) && t.resourceId.includes(provider),
        );
        return {
          name: appImportName(source, sub),
          sourceKind: source,
          subscriptionId: sub,
          images: mine.length,
          resources: new Set(mine.map((t) => t.resourceId)).size,
        };
      }),
    );
    expect(
      imports
        .map(({ name, sourceKind, subscriptionId, images, resources }) => ({
          name,
          sourceKind,
          subscriptionId,
          images,
          resources,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
    // The App Service import the forbidden sync kept still carries its first date.
    expect(imports.find((i) => i.sourceKind === "azure-app-service")!.importedAt).toBe(DAY1.toISOString());
  });
});
