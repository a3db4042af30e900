/**
 * The fault matrix, Azure's half: the simulator misbehaves as Azure sometimes does (its fault plan)
 * while the sync reads the next day, and every case ends in one of two ways. Either the fault was
 * transient and the result equals a clean sync of the same estate and day (every stored row but
 * ids, tokens and run records), or the faulted registry kept its last good inventory (its rows are
 * exactly what they were) with an error naming it on the run, while the other registries synced.
 * Deletions behave as deletions (the inventory equals the ground truth without what was deleted),
 * and a manifest whose body cannot be read is named on the run while its repository keeps its last
 * good rows (the rest of the registry is stored), and the next sync stores it.
 *
 * Every case starts from a copy of one database synced clean on DAY1 and syncs DAY2 into it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import type { SimEstate } from "../simulator/estate";
import { startSimulator, type FaultPlanInput, type RunningSimulator, type SimStats } from "../simulator/server";
import { copyDatabase, type DatabaseCopy } from "../testing/database-copy";
import {
  diffFingerprints,
  fingerprintInventory,
  registryPart,
  type Fingerprint,
} from "../testing/inventory-fingerprint";
import { expectRegistryMatchesTruth, withoutManifest, withoutRepository } from "../testing/registry-truth";
import { runSync } from "./run-sync";

const DAY1 = new Date("2026-10-01T12:00:00Z");
const DAY2 = new Date("2026-10-03T12:00:00Z");

let sim: RunningSimulator;
let base: DatabaseCopy; // DAY1 synced clean, then closed: every case's starting point
let day1: Fingerprint; // base's inventory
let clean: Fingerprint; // base with DAY2 synced clean
let cleanStats: SimStats;
let registries: string[];
const copies: DatabaseCopy[] = [];

type Target = { registry: string; repository: string; digest: string };
/** Per registry, its repositories that changed between the two days (with at least two manifests and a tag). */
let changed: Map<string, string[]>;
/** Per registry, a repository that did not change. */
let unchanged: Map<string, string>;
/** New on DAY2, in one repository only, neither an index nor an index's child. */
let newManifests: Target[];

function connection(requestTimeoutMs?: number) {
  return simulatorConnection(sim.armEndpoint, sim.caCertPem, undefined, requestTimeoutMs ? { requestTimeoutMs } : {});
}

const syncInto = (db: DatabaseCopy, asOf: Date, requestTimeoutMs?: number) =>
  runSync({ pool: db.pool, connection: connection(requestTimeoutMs), asOf, concurrency: 8, appImages: false });

function repositoryTimes(estate: SimEstate): Map<string, number> {
  return new Map(
    estate.registries.flatMap((g) =>
      g.repositories.map((r) => [`${g.name}/${r.name}`, r.lastUpdatedAt.getTime()] as const),
    ),
  );
}

function pickTargets(estate: SimEstate, day1Times: Map<string, number>, day1Digests: Set<string>): void {
  changed = new Map();
  unchanged = new Map();
  newManifests = [];
  const holders = new Map<string, number>();
  for (const g of estate.registries)
    for (const r of g.repositories)
      for (const m of r.manifests) holders.set(m.digest, (holders.get(m.digest) ?? 0) + 1);
  for (const g of estate.registries) {
    changed.set(g.name, []);
    for (const r of g.repositories) {
      if (day1Times.get(`${g.name}/${r.name}`) === r.lastUpdatedAt.getTime()) {
        if (!unchanged.has(g.name) && r.manifests.length > 0) unchanged.set(g.name, r.name);
        continue;
      }
      if (r.manifests.length >= 2 && r.tags.length > 0) changed.get(g.name)!.push(r.name);
      const children = new Set(r.manifests.flatMap((m) => (m.children ?? []).map((c) => c.digest)));
      for (const m of r.manifests) {
        if (day1Digests.has(m.digest) || m.children || children.has(m.digest) || holders.get(m.digest) !== 1) continue;
        newManifests.push({ registry: g.name, repository: r.name, digest: m.digest });
      }
    }
  }
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, scale: "small", date: DAY1 });
  registries = sim.estate().registries.map((r) => r.name);
  const day1Times = repositoryTimes(sim.estate());
  const day1Digests = new Set(
    sim.estate().registries.flatMap((g) => g.repositories.flatMap((r) => r.manifests.map((m) => m.digest))),
  );
  base = await copyDatabase();
  expect((await syncInto(base, DAY1)).status).toBe("succeeded");
  day1 = await fingerprintInventory(base.pool);
  await base.close();

  sim.setDate(DAY2);
  pickTargets(sim.estate(), day1Times, day1Digests);
  const reference = await copyDatabase(base.name);
  try {
    sim.resetStats();
    const summary = await syncInto(reference, DAY2);
    expect(summary.errors).toEqual([]);
    cleanStats = sim.stats();
    clean = await fingerprintInventory(reference.pool);
  } finally {
    await reference.drop();
  }
}, 180_000);

afterEach(async () => {
  sim.setFaults(null);
  await Promise.all(copies.splice(0).map((db) => db.drop()));
});

afterAll(async () => {
  await base?.drop();
  await sim?.close();
});

/** A copy of DAY1's inventory (changed by `prepare`, if given) synced to DAY2 under `plan`. */
async function syncWithFaults(
  plan: FaultPlanInput,
  options: { requestTimeoutMs?: number; prepare?: (db: DatabaseCopy) => Promise<void> } = {},
) {
  const { requestTimeoutMs, prepare } = options;
  const db = await copyDatabase(base.name);
  copies.push(db);
  if (prepare) await prepare(db);
  const before = prepare ? await fingerprintInventory(db.pool) : day1;
  sim.resetStats();
  sim.setFaults(plan);
  const summary = await syncInto(db, DAY2, requestTimeoutMs).finally(() => sim.setFaults(null));
  const after = await fingerprintInventory(db.pool);
  return { db, before, summary, stats: sim.stats(), after };
}

type Result = Awaited<ReturnType<typeof syncWithFaults>>;

function expectCleanSync({ summary, after }: Result): void {
  expect(summary.errors).toEqual([]);
  expect(summary.status).toBe("succeeded");
  expect(diffFingerprints(after, clean)).toEqual([]);
}

/** `kept` kept their DAY1 rows exactly; the others equal the clean sync; the run names `errorFor`. */
function expectKept({ summary, before, after }: Result, kept: string[], errorFor: string, message: RegExp): void {
  expect(summary.status).toBe("partial");
  expect(summary.errors.map((e) => e.registry)).toEqual([errorFor]);
  expect(summary.errors[0].message).toMatch(message);
  for (const name of registries) {
    if (kept.includes(name)) {
      expect(
        diffFingerprints(registryPart(clean, name), registryPart(before, name)).length,
        `${name} changed between the days`,
      ).toBeGreaterThan(0);
      expect(diffFingerprints(registryPart(after, name), registryPart(before, name)), `${name} kept`).toEqual([]);
    } else {
      expect(diffFingerprints(registryPart(after, name), registryPart(clean, name)), `${name} synced`).toEqual([]);
    }
  }
}

function expectOthersSynced(after: Fingerprint, except: string): void {
  for (const name of registries.filter((r) => r !== except))
    expect(diffFingerprints(registryPart(after, name), registryPart(clean, name)), name).toEqual([]);
}

describe("transient faults: retried, the result equals a clean sync", () => {
  it("429 storms with Retry-After (a burst, and a seeded 10% of another registry's requests)", async () => {
    const result = await syncWithFaults({
      seed: 3,
      rules: [
        { kind: "throttle", registry: registries[0], count: 8, retryAfterSeconds: 1 },
        { kind: "throttle", registry: registries[1], probability: 0.1, retryAfterSeconds: 1 },
      ],
    });
    expect(result.stats.byKind.throttled).toBeGreaterThan(8);
    expectCleanSync(result);
  });

  it("500 and 503 answers", async () => {
    const result = await syncWithFaults({
      rules: [
        { kind: "error", status: 500, registry: registries[0], count: 4 },
        { kind: "error", status: 503, registry: registries[2], count: 4 },
      ],
    });
    expect(result.stats.byKind["fault:error"]).toBe(8);
    expectCleanSync(result);
  });

  it("connections reset mid-request", async () => {
    const result = await syncWithFaults({ rules: [{ kind: "reset", registry: registries[1], count: 6 }] });
    expect(result.stats.byKind["fault:reset"]).toBe(6);
    expectCleanSync(result);
  });

  it("responses that stall: never answered (past the request timeout), or answered late", async () => {
    const result = await syncWithFaults(
      {
        rules: [
          { kind: "stall", registry: registries[0], count: 2 },
          { kind: "stall", registry: registries[1], ms: 400, count: 5 },
        ],
      },
      { requestTimeoutMs: 2_000 },
    );
    expect(result.stats.byKind["fault:stall"]).toBe(7);
    expectCleanSync(result);
  });

  it("ACR tokens that expire mid-sync: refresh and access tokens refused, a new exchange made", async () => {
    const result = await syncWithFaults({ rules: [{ kind: "tokenExpiry", registry: registries[0], after: 15 }] });
    expect(result.stats.byKind["fault:tokenExpiry"]).toBe(1);
    expect(result.stats.byKind.exchange).toBeGreaterThan(cleanStats.byKind.exchange);
    expectCleanSync(result);
  });

  it("a tag moved while its repository was listed: the two lists disagree, so it is read again", async () => {
    const repository = changed.get(registries[0])![0];
    const result = await syncWithFaults({
      rules: [{ kind: "tagMoved", registry: registries[0], repository, count: 1 }],
    });
    expect(result.stats.byKind["fault:tagMoved"]).toBe(1);
    expect(result.stats.byKind.tags).toBeGreaterThan(cleanStats.byKind.tags);
    expectCleanSync(result);
  });
});

describe("deletions while the sync reads: the inventory is Azure's after the deletion", () => {
  it("a repository deleted between the catalog and its listing", async () => {
    const registry = registries[0];
    const repository = unchanged.get(registry)!;
    const { db, summary, after } = await syncWithFaults({
      rules: [{ kind: "repositoryDeleted", registry, repository }],
    });
    expect(summary.errors).toEqual([]);
    await expectRegistryMatchesTruth(db.pool, withoutRepository(sim.estate().registries[0], repository));
    expectOthersSynced(after, registry);
  });

  it("a manifest deleted between the listing and its body's fetch", async () => {
    const target = newManifests[0];
    const { db, summary, after } = await syncWithFaults({ rules: [{ kind: "manifestDeleted", ...target }] });
    expect(summary.errors).toEqual([]);
    const registry = sim.estate().registries.find((g) => g.name === target.registry)!;
    await expectRegistryMatchesTruth(db.pool, withoutManifest(registry, target.repository, target.digest));
    expectOthersSynced(after, target.registry);
  });
});

describe("manifests whose bodies cannot be read: named on the run, their repositories kept as they were, stored by the next sync", () => {
  it("a body that does not hash to its digest (body or header) is never stored; one that always answers 500 does not hold its registry back", async () => {
    const [corrupt, misnamed, failing] = newManifests.slice(1, 4);
    const { db, summary } = await syncWithFaults({
      rules: [
        { kind: "digestMismatch", mode: "body", ...corrupt },
        { kind: "digestMismatch", mode: "header", ...misnamed },
        { kind: "error", status: 500, path: "manifestBody", ...failing },
      ],
    });
    expect(summary.status).toBe("partial");
    const targets = [corrupt, misnamed, failing];
    expect(summary.errors.map((e) => e.registry).sort()).toEqual(targets.map((t) => t.registry).sort());
    for (const t of targets)
      expect(summary.errors.some((e) => e.message.includes(`${t.repository}@${t.digest}`))).toBe(true);
    const digests = targets.map((t) => t.digest);
    const stored = await db.pool.query(
      `SELECT digest FROM manifest_contents WHERE digest = ANY($1::text[])
       UNION ALL SELECT digest FROM manifests WHERE digest = ANY($1::text[]) UNION ALL SELECT digest FROM tags WHERE digest = ANY($1::text[])`,
      [digests],
    );
    expect(stored.rows).toEqual([]);
    // Their repositories keep their DAY1 rows, without a last-update time (the next sync lists them again).
    const after = await fingerprintInventory(db.pool);
    const rowsOf = (fingerprint: Fingerprint, t: Target) => [
      ...["manifests", "tags"].flatMap((table) =>
        fingerprint[table].filter((row) => row.includes(`"repository": "${t.registry}/${t.repository}"`)),
      ),
      ...fingerprint.tag_history.filter(
        (row) => row.startsWith(`${t.registry}\t`) && row.includes(`"repository_name": "${t.repository}"`),
      ),
    ];
    const keys = [...new Set(targets.map((t) => `${t.registry}/${t.repository}`))];
    const times = await db.pool.query<{ key: string; last_updated_at: Date | null }>(
      "SELECT g.name || '/' || r.name AS key, r.last_updated_at FROM repositories r JOIN registries g ON g.id = r.registry_id WHERE g.name || '/' || r.name = ANY($1::text[])",
      [keys],
    );
    expect(times.rows.map((r) => r.last_updated_at)).toEqual(keys.map(() => null));
    for (const t of targets) expect(rowsOf(after, t)).toEqual(rowsOf(day1, t));
    const untouched = registries.filter((name) => !targets.some((t) => t.registry === name));
    for (const name of untouched)
      expect(diffFingerprints(registryPart(after, name), registryPart(clean, name))).toEqual([]);

    const healed = await syncInto(db, DAY2);
    expect(healed.errors).toEqual([]);
    expect(diffFingerprints(await fingerprintInventory(db.pool), clean)).toEqual([]);
  }, 60_000);
});

describe("lasting faults: the registry keeps its last good inventory, with an error naming it", () => {
  it("a registry that answers 500 to everything", async () => {
    const result = await syncWithFaults({ rules: [{ kind: "error", registry: registries[0] }] });
    expectKept(result, [registries[0]], registries[0], /500|simulated failure/i);
  });

  it("malformed JSON in a list response", async () => {
    const result = await syncWithFaults({
      rules: [{ kind: "malformedJson", registry: registries[1], path: "tags", count: 1 }],
    });
    expect(result.stats.byKind["fault:malformedJson"]).toBe(1);
    expectKept(result, [registries[1]], registries[1], /pars|JSON/i);
  });

  it("a tag list that keeps disagreeing with the manifest list", async () => {
    const registry = registries[2];
    const result = await syncWithFaults({
      rules: [{ kind: "tagMoved", registry, repository: changed.get(registry)![0] }],
    });
    expectKept(result, [registry], registry, /disagree/);
  });

  it("a registry deleted in Azure after it was listed (ARM answers 404 for it)", async () => {
    const result = await syncWithFaults({
      rules: [{ kind: "registryDeleted", scope: "details", registry: registries[0] }],
    });
    expectKept(result, [registries[0]], registries[0], /not found/i);
  });

  it("a registry whose manifest bodies all fail (its pulls are broken, not a manifest)", async () => {
    const registry = registries[1];
    // Its bodies unknown and its repositories all listed again, as on a first sync.
    const prepare = async (db: DatabaseCopy) => {
      await db.pool.query(
        `UPDATE manifest_contents c SET blob_count = NULL FROM manifests m JOIN repositories r ON r.id = m.repository_id JOIN registries g ON g.id = r.registry_id
         WHERE g.name = $1 AND c.digest = m.digest`,
        [registry],
      );
      await db.pool.query(
        "UPDATE repositories r SET last_updated_at = NULL FROM registries g WHERE g.id = r.registry_id AND g.name = $1",
        [registry],
      );
    };
    const result = await syncWithFaults({ rules: [{ kind: "digestMismatch", registry }] }, { prepare });
    expectKept(result, [registry], registry, /manifest bodies could not be read/);
  });

  it("a subscription whose registry list answers 403", async () => {
    const subscription = sim
      .estate()
      .subscriptions.find((s) => sim.estate().registries.some((r) => r.subscriptionId === s.id))!.id;
    const inIt = sim
      .estate()
      .registries.filter((r) => r.subscriptionId === subscription)
      .map((r) => r.name);
    const result = await syncWithFaults({ rules: [{ kind: "subscriptionForbidden", subscription }] });
    expectKept(result, inIt, `subscription ${subscription}`, /authorization/i);
  });
});

describe("a registry gone from its subscription's list", () => {
  it("leaves the current inventory (its history stays); the others sync", async () => {
    const registry = registries[2];
    const { db, summary, after } = await syncWithFaults({
      rules: [{ kind: "registryDeleted", scope: "list", registry }],
    });
    expect(summary.status).toBe("succeeded");
    const { rows } = await db.pool.query<{ removed: boolean; repositories: number; snapshots: number }>(
      `SELECT removed_at IS NOT NULL AS removed, (SELECT count(*)::int FROM repositories r WHERE r.registry_id = g.id) AS repositories,
              (SELECT count(*)::int FROM registry_snapshots s WHERE s.registry_id = g.id) AS snapshots
       FROM registries g WHERE name = $1`,
      [registry],
    );
    expect(rows).toEqual([{ removed: true, repositories: 0, snapshots: 1 }]);
    expectOthersSynced(after, registry);
  });
});
