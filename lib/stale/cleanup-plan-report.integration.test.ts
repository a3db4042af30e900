/**
 * The cleanup plan over the simulated estate, synced for real into a test database. The expected
 * plan is computed here, longhand, from the generator's ground truth (sim.estate()), never through
 * lib/stale: the cleanup rules written out for the shapes the simulator makes (images,
 * multi-arch indexes with untagged platform children, signatures/SBOMs of releases, locked release
 * tags and manifests, frozen repositories), plus cosign tag-convention signatures (`sha256-<hex>.sig`,
 * which the simulator does not make) written into the synced inventory and the ground truth alike.
 */
import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "@/lib/azure/connection";
import { DAY_MS } from "@/lib/calendar";
import { importInUseImages } from "@/lib/in-use/server/import-in-use";
import type { SimEstate, SimManifest, SimRepository, SimTag } from "@/lib/simulator/estate";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { expectedAppInUseDigests } from "@/lib/testing/ground-truth";
import { runSync } from "@/lib/sync/run-sync";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { viaCli, viaRoute } from "@/lib/testing/report-test-io";
import { TEST_ACTOR } from "@/lib/testing/actors";

const DAY = "2026-10-15";
const SIM_DATE = new Date(`${DAY}T12:00:00Z`);
const AS_OF_MS = Date.parse(`${DAY}T23:59:59.999Z`);
const POLICY = { olderThanDays: 30, keepLatest: 3, keepPatterns: ["^prod$"], untaggedOlderThanDays: 7 };
const HEADER = "registry,repository,digest,tags,action,reason,last_updated_at,size_bytes";

type Row = { registry: string; repository: string; digest: string; tags: string; action: string; code: string };
type Expected = { rows: Row[]; reclaimableBytes: bigint };
/** A cosign signature by tag convention added to a synced repository (and to the ground truth). */
type CosignExtra = { registry: string; repository: string; manifest: SimManifest; tag: SimTag };

const COSIGN_TAG = /^sha256-([0-9a-f]{64})\.(sig|att|sbom)$/;

/** The cleanup plan, longhand, over the ground truth. `inUse`: "registry/repository@digest". */
function expectedPlan(estate: SimEstate, inUse: ReadonlySet<string>, extras: readonly CosignExtra[] = []): Expected {
  const rows: Row[] = [];
  let reclaimableBytes = 0n;
  for (const registry of estate.registries) {
    const deletedBlobs = new Map<string, bigint>();
    const keptBlobs = new Set<string>();
    for (const simRepo of registry.repositories) {
      const mine = extras.filter((e) => e.registry === registry.name && e.repository === simRepo.name);
      const repo = {
        ...simRepo,
        manifests: [...simRepo.manifests, ...mine.map((e) => e.manifest)],
        tags: [...simRepo.tags, ...mine.map((e) => e.tag)],
      };
      const deleted = planRepo(
        repo,
        (digest) => inUse.has(`${registry.name}/${repo.name}@${digest}`),
        registry.name,
        rows,
      );
      for (const m of repo.manifests) {
        for (const blob of [...(m.configBlob ? [m.configBlob] : []), ...m.layers]) {
          if (deleted.has(m.digest)) deletedBlobs.set(blob.digest, BigInt(blob.sizeBytes));
          else keptBlobs.add(blob.digest);
        }
      }
    }
    for (const [digest, size] of deletedBlobs) if (!keptBlobs.has(digest)) reclaimableBytes += size;
  }
  return { rows, reclaimableBytes };
}

function planRepo(
  repo: SimRepository,
  isInUse: (digest: string) => boolean,
  registry: string,
  rows: Row[],
): Set<string> {
  const repoLocked = !repo.deleteEnabled || !repo.writeEnabled;
  // cosign tags take no keepLatest place; they are candidates by age and keep patterns alone.
  const old = (t: SimTag) =>
    AS_OF_MS - t.lastUpdatedAt.getTime() > POLICY.olderThanDays * DAY_MS && !/^prod$/.test(t.name);
  const ranked = repo.tags
    .filter((t) => !COSIGN_TAG.test(t.name))
    .sort((a, b) => b.lastUpdatedAt.getTime() - a.lastUpdatedAt.getTime() || (a.name < b.name ? -1 : 1));
  const candidate = new Set([
    ...ranked.filter((t, rank) => rank >= POLICY.keepLatest && old(t)).map((t) => t.name),
    ...repo.tags.filter((t) => COSIGN_TAG.test(t.name) && old(t)).map((t) => t.name),
  ]);
  const tagsOf = (digest: string) =>
    repo.tags.filter((t) => t.digest === digest).sort((a, b) => (a.name < b.name ? -1 : 1));
  const parentOf = new Map<string, string>();
  for (const m of repo.manifests) for (const c of m.children ?? []) parentOf.set(c.digest, m.digest);
  const inRepo = new Set(repo.manifests.map((m) => m.digest));
  // A referrer's subjects: its OCI subject, else the in-repository images its cosign tags name.
  const cosignSubjects = (m: SimManifest) =>
    tagsOf(m.digest)
      .map((t) => COSIGN_TAG.exec(t.name)?.[1])
      .filter((hex) => hex !== undefined)
      .map((hex) => `sha256:${hex}`);
  const subjectsOf = (m: SimManifest) =>
    m.subjectDigest ? [m.subjectDigest] : cosignSubjects(m).filter((d) => inRepo.has(d));
  const isOrphanCosign = (m: SimManifest) =>
    !m.subjectDigest && cosignSubjects(m).length > 0 && subjectsOf(m).length === 0;
  const referrersOf = (digest: string) => repo.manifests.filter((m) => subjectsOf(m).includes(digest));
  const locked = (m: SimManifest) => repoLocked || !m.deleteEnabled || !m.writeEnabled;
  const lockedTag = (digest: string) => tagsOf(digest).some((t) => !t.deleteEnabled || !t.writeEnabled);
  const ownProtection = (m: SimManifest): string | null =>
    locked(m) ? "locked-manifest" : lockedTag(m.digest) ? "locked-tag" : isInUse(m.digest) ? "in-use" : null;

  // Top-level manifests (images and indexes) go by their tags or the untagged rule; their children
  // and referrers follow them.
  const deleted = new Set<string>();
  const wouldGo = (m: SimManifest) => {
    const tags = tagsOf(m.digest);
    if (tags.length > 0) return tags.every((t) => candidate.has(t.name));
    return AS_OF_MS - m.lastUpdatedAt.getTime() > POLICY.untaggedOlderThanDays * DAY_MS;
  };
  const tops = repo.manifests.filter((m) => !parentOf.has(m.digest) && subjectsOf(m).length === 0);
  for (const m of tops) {
    const heldByReferrer = referrersOf(m.digest).some((r) => ownProtection(r) !== null);
    if (wouldGo(m) && ownProtection(m) === null && !heldByReferrer) deleted.add(m.digest);
  }
  // Children and referrers follow their parents, also a signature of a platform manifest (two steps).
  const parentsOf = (m: SimManifest) => [
    ...(parentOf.has(m.digest) ? [parentOf.get(m.digest) as string] : []),
    ...subjectsOf(m),
  ];
  for (let grew = true; grew;) {
    grew = false;
    for (const m of repo.manifests) {
      const parents = parentsOf(m);
      if (
        deleted.has(m.digest) ||
        parents.length === 0 ||
        !parents.every((p) => deleted.has(p)) ||
        ownProtection(m) !== null
      )
        continue;
      deleted.add(m.digest);
      grew = true;
    }
  }

  for (const m of repo.manifests) {
    const tags = tagsOf(m.digest);
    if (deleted.has(m.digest)) {
      const parent = parentOf.get(m.digest);
      const code =
        subjectsOf(m).length > 0
          ? "subject-deleted"
          : parent
            ? "index-deleted"
            : isOrphanCosign(m)
              ? "orphaned-artifact"
              : tags.length > 0
                ? "stale-tags"
                : "untagged";
      rows.push({
        registry,
        repository: repo.name,
        digest: m.digest,
        tags: tags.map((t) => t.name).join(" "),
        action: "delete",
        code,
      });
      continue;
    }
    const parents = parentsOf(m);
    const parent = parents.length > 0 ? parents[0] : undefined;
    const keptSubject = subjectsOf(m).some((d) => !deleted.has(d));
    const keptParent = parentOf.has(m.digest) && !deleted.has(parentOf.get(m.digest) as string);
    const protection =
      ownProtection(m) ??
      (keptParent ? "child-of-kept-index" : keptSubject ? "subject-kept" : null) ??
      (referrersOf(m.digest).some((r) => ownProtection(r) !== null) ? "protected-referrer" : null);
    if (tags.length === 0) {
      const ruleApplies = parent !== undefined ? parents.every((p) => deleted.has(p)) : wouldGo(m);
      if (ruleApplies)
        rows.push({
          registry,
          repository: repo.name,
          digest: m.digest,
          tags: "",
          action: "keep",
          code: protection ?? "?",
        });
      continue;
    }
    const kept = tags.filter((t) => !candidate.has(t.name));
    const beyondTagLocks = locked(m)
      ? "locked-manifest"
      : isInUse(m.digest)
        ? "in-use"
        : protection === "locked-tag"
          ? null
          : protection;
    for (const t of tags.filter((t) => candidate.has(t.name))) {
      const row = { registry, repository: repo.name, digest: m.digest, tags: t.name };
      if (!t.deleteEnabled || !t.writeEnabled) rows.push({ ...row, action: "keep", code: "locked-tag" });
      else if (beyondTagLocks !== null) rows.push({ ...row, action: "keep", code: beyondTagLocks });
      else if (kept.length > 0) rows.push({ ...row, action: "untag", code: "other-tags-kept" });
      else rows.push({ ...row, action: "keep", code: protection ?? "?" });
    }
  }
  return deleted;
}

const csvRows = (body: string): Row[] =>
  body
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => {
      const cells = line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replaceAll('""', '"'));
      const [registry, repository, digest, tags, action, reason] = cells;
      return { registry, repository, digest, tags, action, code: reason.split(":")[0] };
    });
const key = (r: Row) => `${r.registry}|${r.repository}|${r.digest}|${r.tags}|${r.action}|${r.code}`;

let sim: RunningSimulator;
let testDb: TestDatabase;
let policyFile: string;
let expected: Expected;
let inUseNote: { pinned: string; byTag: string };
let cosignExtras: CosignExtra[];

const sha256 = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;

/**
 * cosign signatures by tag convention in the first registry with deletes, written straight into the
 * synced inventory: one of an image the plan deletes (fresh tag: goes with it), one of a kept image
 * (stale tag: a subject-kept keep row), and two orphans whose image is not there (stale: goes by
 * its tag's age; fresh: stays). The sync does not run again, so the rows stay as written.
 */
async function addCosignSignatures(estate: SimEstate, plan: Expected): Promise<CosignExtra[]> {
  const deletedRows = plan.rows.filter((r) => r.action === "delete" && r.code === "stale-tags");
  // Not one of the images made in use below (the first delete, and one in another registry).
  const deleted = deletedRows.filter((r) => r.registry === deletedRows[0].registry).at(-1) as Row;
  const registry = estate.registries.find((g) => g.name === deleted.registry) as SimEstate["registries"][number];
  const touched = new Set(
    plan.rows.filter((r) => r.registry === registry.name).map((r) => `${r.repository}@${r.digest}`),
  );
  const keptRepo = registry.repositories.find(
    (r) => r.deleteEnabled && r.writeEnabled && r.tags.some((t) => !touched.has(`${r.name}@${t.digest}`)),
  ) as SimRepository;
  const kept = keptRepo.tags.find((t) => !touched.has(`${keptRepo.name}@${t.digest}`)) as SimTag;
  const day = (days: number) => new Date(AS_OF_MS - days * DAY_MS);
  const specs = [
    { repository: deleted.repository, subject: deleted.digest, daysAgo: 1 },
    { repository: keptRepo.name, subject: kept.digest, daysAgo: 200 },
    { repository: deleted.repository, subject: sha256("gone image"), daysAgo: 200 },
    { repository: keptRepo.name, subject: sha256("another gone image"), daysAgo: 2 },
  ];
  const extras: CosignExtra[] = [];
  for (const [i, spec] of specs.entries()) {
    const digest = sha256(`cosign signature ${i}`);
    const blob = {
      digest: sha256(`cosign signature layer ${i}`),
      sizeBytes: 1_000 + i,
      mediaType: "application/vnd.dev.cosign.simplesigning.v1+json",
    };
    const at = day(spec.daysAgo);
    const locks = { deleteEnabled: true, writeEnabled: true, listEnabled: true, readEnabled: true };
    const tag: SimTag = {
      name: `${spec.subject.replace(":", "-")}.sig`,
      digest,
      createdAt: at,
      lastUpdatedAt: at,
      ...locks,
    };
    const manifest: SimManifest = {
      digest,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      layers: [blob],
      sizeBytes: blob.sizeBytes,
      createdAt: at,
      lastUpdatedAt: at,
      tags: [tag.name],
      body: "",
      bodySizeBytes: 400,
      ...locks,
    };
    const where = [registry.name, spec.repository];
    await testDb.pool.query("INSERT INTO manifest_contents (digest, media_type, body_bytes) VALUES ($1, $2, 400)", [
      digest,
      manifest.mediaType,
    ]);
    await testDb.pool.query("INSERT INTO blobs (digest, size_bytes, media_type) VALUES ($1, $2, $3)", [
      blob.digest,
      blob.sizeBytes,
      blob.mediaType,
    ]);
    await testDb.pool.query(
      "INSERT INTO manifest_blobs (manifest_digest, blob_digest, kind) VALUES ($1, $2, 'layer')",
      [digest, blob.digest],
    );
    const repository =
      "SELECT r.id FROM repositories r JOIN registries g ON g.id = r.registry_id WHERE g.name = $1 AND r.name = $2";
    await testDb.pool.query(
      `INSERT INTO manifests (repository_id, digest, media_type, size_bytes, created_at, last_updated_at, tag_count) SELECT (${repository}), $3, $4, $5, $6, $6, 1`,
      [...where, digest, manifest.mediaType, blob.sizeBytes, at],
    );
    await testDb.pool.query(
      `INSERT INTO tags (repository_id, name, digest, created_at, last_updated_at) SELECT (${repository}), $3, $4, $5, $5`,
      [...where, tag.name, digest, at],
    );
    extras.push({ registry: registry.name, repository: spec.repository, manifest, tag });
  }
  return extras;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: "small", date: SIM_DATE });
  testDb = await createTestDatabase();
  const summary = await runSync({
    pool: testDb.pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf: SIM_DATE,
    concurrency: 8,
  });
  expect(summary.status).toBe("succeeded");
  const dir = await mkdtemp(path.join(tmpdir(), "cleanup-plan-"));
  policyFile = path.join(dir, "policy.json");
  await writeFile(policyFile, JSON.stringify(POLICY));

  // The sync stored what the estate's Azure apps run; two more images the plan would delete are
  // in use in a cluster: one pinned by digest, one referenced by tag only.
  const estate = sim.estate();
  const appsInUse = expectedAppInUseDigests(estate);
  cosignExtras = await addCosignSignatures(estate, expectedPlan(estate, appsInUse));
  const withoutInUse = expectedPlan(estate, appsInUse, cosignExtras);
  const deletes = withoutInUse.rows.filter((r) => r.action === "delete" && r.code === "stale-tags");
  const [pinned, byTag] = [deletes[0], deletes.find((r) => r.registry !== deletes[0].registry) ?? deletes[1]];
  const loginServer = (name: string) => estate.registries.find((g) => g.name === name)!.loginServer;
  const tag = byTag.tags.split(" ")[0];
  await importInUseImages(
    {
      cluster: "prod",
      body: `${loginServer(pinned.registry)}/${pinned.repository}@${pinned.digest}\n${loginServer(byTag.registry)}/${byTag.repository}:${tag}\n`,
      importedAt: SIM_DATE,
    },
    TEST_ACTOR,
  );
  inUseNote = {
    pinned: `${pinned.registry}/${pinned.repository}@${pinned.digest}`,
    byTag: `${byTag.registry}/${byTag.repository}@${byTag.digest}`,
  };
  expected = expectedPlan(estate, new Set([...appsInUse, inUseNote.pinned, inUseNote.byTag]), cosignExtras);
}, 180_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

describe("cleanup-plan report over the simulated estate", () => {
  it("gives the plan computed longhand from the ground truth, in registry and repository order", async () => {
    const cli = await viaCli(["cleanup-plan", "--policy", policyFile, "--as-of", DAY]);
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    expect(cli.stdout.split("\n")[0]).toBe(HEADER);
    const rows = csvRows(cli.stdout);
    expect(rows.map(key).sort()).toEqual(expected.rows.map(key).sort());
    expect(expected.rows.filter((r) => r.code === "?")).toEqual([]);

    const counts = (action: string, code?: string) =>
      rows.filter((r) => r.action === action && (code === undefined || r.code === code)).length;
    expect(counts("delete")).toBeGreaterThan(50);
    // Seed 7 on this day: 3,054 deletes (1,244 by stale tags, 582 untagged, 958 platform children,
    // 270 signatures/SBOMs), 83 untags, 337 locked-tag, 17 locked-manifest and 7 in-use keep rows
    // (for the cluster's two images and the images the estate's Azure apps run).
    for (const code of ["stale-tags", "untagged", "index-deleted", "subject-deleted"])
      expect(counts("delete", code)).toBeGreaterThan(0);
    expect(counts("untag")).toBeGreaterThan(0);
    // The cosign signatures: one with its deleted image, one kept for its kept image, one orphan gone by age.
    const cosignRows = rows.filter((r) => cosignExtras.some((e) => e.manifest.digest === r.digest));
    expect(cosignRows.map((r) => `${r.action} ${r.code}`).sort()).toEqual([
      "delete orphaned-artifact",
      "delete subject-deleted",
      "keep subject-kept",
    ]);
    expect(counts("keep", "locked-tag")).toBeGreaterThan(0);
    expect(counts("keep", "locked-manifest")).toBeGreaterThan(0);
    for (const digest of [inUseNote.pinned, inUseNote.byTag]) {
      const [registryRepository, sha] = digest.split("@");
      const mine = rows.filter((r) => `${r.registry}/${r.repository}` === registryRepository && r.digest === sha);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((r) => r.action === "keep" && r.code === "in-use")).toBe(true);
    }

    const order = rows.map((r) => [r.registry, r.repository] as const);
    const sorted = [...order].sort((a, b) =>
      a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
    );
    expect(order).toEqual(sorted);
    const rank = { delete: 0, untag: 1, keep: 2 } as Record<string, number>;
    for (let i = 1; i < rows.length; i++) {
      if (rows[i].repository === rows[i - 1].repository && rows[i].registry === rows[i - 1].registry) {
        expect(rank[rows[i].action]).toBeGreaterThanOrEqual(rank[rows[i - 1].action]);
      }
    }
  });

  it("writes the same bytes from the route, and a script whose header states the exact bytes freed", async () => {
    const cli = await viaCli(["cleanup-plan", "--policy", policyFile, "--as-of", DAY]);
    const route = await viaRoute(
      `/api/reports/cleanup-plan.csv?as-of=${DAY}&policy=${encodeURIComponent(JSON.stringify(POLICY))}`,
    );
    expect(route.status).toBe(200);
    expect(route.type).toBe("text/csv; charset=utf-8");
    expect(route.body).toBe(cli.stdout);

    const script = await viaCli(["cleanup-plan", "--policy", policyFile, "--as-of", DAY, "--format", "script"]);
    expect(script.code).toBe(0);
    const routeScript = await viaRoute(
      `/api/reports/cleanup-plan.csv?asOf=${DAY}&format=script&policy=${encodeURIComponent(JSON.stringify(POLICY))}`,
    );
    expect(routeScript.type).toBe("text/x-shellscript; charset=utf-8");
    expect(routeScript.body).toBe(script.stdout);

    const lines = script.stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "#!/usr/bin/env bash",
      "# Registry Ledger cleanup plan. Review it before running: nothing has been deleted yet.",
      `# As of: ${DAY}T23:59:59.999Z`,
      "# Policy:",
      "#   {",
    ]);
    expect(lines).toContain('#     "olderThanDays": 30,');
    const deletes = expected.rows.filter((r) => r.action === "delete");
    const untags = expected.rows.filter((r) => r.action === "untag");
    const keeps = expected.rows.filter((r) => r.action === "keep");
    const tagsDeleted = deletes.reduce((n, r) => n + (r.tags === "" ? 0 : r.tags.split(" ").length), 0);
    const repositories = new Set(expected.rows.map((r) => `${r.registry}/${r.repository}`)).size;
    expect(lines).toContain(
      `# Counts: ${repositories} repositories, ${deletes.length} manifests deleted (with ${tagsDeleted} tags), ${untags.length} tags untagged, ${keeps.length} protected candidates kept (no command)`,
    );
    expect(expected.reclaimableBytes).toBeGreaterThan(0n);
    const bytesLine = lines.find((l) => l.startsWith("# Expected bytes freed: "));
    expect(bytesLine).toMatch(
      new RegExp(`^# Expected bytes freed: ${expected.reclaimableBytes} bytes \\(\\d+(\\.\\d+)? [KMGT]?i?B\\)$`),
    );
    expect(lines.filter((l) => l.startsWith("az acr repository delete "))).toHaveLength(deletes.length);
    expect(lines.filter((l) => l.startsWith("az acr repository untag "))).toHaveLength(untags.length);
  });

  it("rejects a bad policy naming the field: exit 2 on the CLI, 422 on the route, before any byte", async () => {
    const bad = path.join(path.dirname(policyFile), "bad.json");
    await writeFile(
      bad,
      JSON.stringify({ olderThanDays: -1, overrides: [{ registry: "*", repository: "a/**", keepLatest: "3" }] }),
    );
    const cli = await viaCli(["cleanup-plan", "--policy", bad]);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe("");
    expect(cli.stderr).toContain("olderThanDays: must not be negative");
    expect(cli.stderr).toContain("overrides[0].keepLatest: must be a whole number");

    const route = await viaRoute(
      `/api/reports/cleanup-plan.csv?policy=${encodeURIComponent('{"keepPatterns":["("]}')}`,
    );
    expect(route.status).toBe(422);
    expect(JSON.parse(route.body).message).toMatch(
      /"policy".*\n.*keepPatterns\[0\]: is not a valid regular expression/,
    );

    const notJson = await viaCli(["cleanup-plan", "--policy", policyFile.replace("policy.json", "missing.json")]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain("Cannot read the --policy file");
    await writeFile(bad, "{ olderThanDays: 3 ");
    const garbled = await viaCli(["cleanup-plan", "--policy", bad, "--format", "script"]);
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toContain("is not valid JSON");
    const badFormat = await viaRoute("/api/reports/cleanup-plan.csv?format=pdf");
    expect(badFormat.status).toBe(422);
    expect(JSON.parse(badFormat.body).message).toContain('"format"');
  });
});
