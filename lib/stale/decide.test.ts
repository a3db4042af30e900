import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/calendar";
import { planRepository, type PlanItem, type RepositoryPlanInput, type StaleManifest, type StaleTag } from "./decide";
import type { PolicyRules } from "./policy";

const AS_OF = new Date("2026-05-01T00:00:00Z");
const ago = (days: number) => new Date(AS_OF.getTime() - days * DAY_MS);
/** Rules that isolate the age rule; each test turns on what it exercises. */
const RULES: PolicyRules = { olderThanDays: 90, keepLatest: 0, keepPatterns: [], untaggedOlderThanDays: 7 };

const manifest = (digest: string, o: Partial<StaleManifest> & { daysAgo?: number } = {}): StaleManifest => ({
  digest,
  mediaType: null,
  artifactType: null,
  subjectDigest: null,
  childDigests: [],
  createdAt: null,
  lastUpdatedAt: ago(o.daysAgo ?? 200),
  locked: false,
  sizeBytes: 1000n,
  ...o,
});
const tag = (name: string, digest: string, daysAgo: number, locked = false): StaleTag => ({
  name,
  digest,
  lastUpdatedAt: ago(daysAgo),
  locked,
});

const plan = (
  manifests: StaleManifest[],
  tags: StaleTag[],
  o: { rules?: Partial<PolicyRules>; inUse?: string[] } = {},
): PlanItem[] => {
  const input: RepositoryPlanInput = {
    registry: "acme",
    repository: "team/app",
    manifests,
    tags,
    inUseDigests: new Set(o.inUse ?? []),
    policy: { ...RULES, ...o.rules },
    asOf: AS_OF,
  };
  return planRepository(input);
};
/** "action digest [tags] code" per row: the whole plan at a glance. */
const brief = (items: PlanItem[]) => items.map((i) => `${i.action} ${i.digest} [${i.tags.join(",")}] ${i.reasonCode}`);

describe("planRepository: tag rules", () => {
  it("makes a tag a candidate only when MORE than olderThanDays old", () => {
    const items = plan(
      [manifest("a"), manifest("b"), manifest("c")],
      [tag("t-old", "a", 91), tag("t-edge", "b", 90), tag("t-new", "c", 10)],
    );
    expect(brief(items)).toEqual(["delete a [t-old] stale-tags"]);
    expect(items[0]).toMatchObject({
      registry: "acme",
      repository: "team/app",
      sizeBytes: 1000n,
      lastUpdatedAt: ago(200),
      reason:
        "its only tag is stale: last updated more than 90 days before 2026-05-01, not among the repository's 0 newest, matching no keep pattern",
    });
  });

  it("keeps the keepLatest newest tags, ties broken by name", () => {
    const tags = [tag("b", "b", 300), tag("a", "a", 300), tag("c", "c", 300), tag("newest", "n", 200)];
    const items = plan(
      ["a", "b", "c", "n"].map((d) => manifest(d)),
      tags,
      { rules: { keepLatest: 2 } },
    );
    expect(brief(items)).toEqual(["delete b [b] stale-tags", "delete c [c] stale-tags"]);
  });

  it("keeps tags matching a keep pattern (searched, not anchored)", () => {
    const items = plan(
      [manifest("a"), manifest("b"), manifest("c")],
      [tag("v1.2.3", "a", 400), tag("release-prod", "b", 400), tag("dev", "c", 400)],
      {
        rules: { keepPatterns: ["^v?\\d+\\.\\d+\\.\\d+$", "prod"] },
      },
    );
    expect(brief(items)).toEqual(["delete c [dev] stale-tags"]);
  });

  it("untags a stale tag when another tag keeps the image (shared digest)", () => {
    const items = plan([manifest("a")], [tag("old", "a", 200), tag("fresh", "a", 1)]);
    expect(brief(items)).toEqual(["untag a [old] other-tags-kept"]);
    expect(items[0].reason).toBe("tag is stale but the image stays for tag fresh: untagging frees no storage");
    expect(items[0].lastUpdatedAt).toEqual(ago(200));
  });

  it("deletes an image whose tags are all candidates, listing every tag", () => {
    expect(brief(plan([manifest("a")], [tag("y", "a", 100), tag("x", "a", 200)]))).toEqual([
      "delete a [x,y] stale-tags",
    ]);
  });
});

describe("planRepository: untagged rule", () => {
  it("deletes an orphan untagged manifest last updated more than untaggedOlderThanDays ago", () => {
    const items = plan(
      [manifest("old", { daysAgo: 8 }), manifest("edge", { daysAgo: 7 }), manifest("undated", { lastUpdatedAt: null })],
      [],
    );
    expect(brief(items)).toEqual(["delete old [] untagged"]);
    expect(items[0].reason).toBe("untagged and last updated 2026-04-23, more than 7 days before 2026-05-01");
  });

  it("falls back to createdAt when ACR gave no lastUpdatedAt", () => {
    expect(brief(plan([manifest("a", { lastUpdatedAt: null, createdAt: ago(30) })], []))).toEqual([
      "delete a [] untagged",
    ]);
  });
});

describe("planRepository: protections", () => {
  it("keeps a locked candidate tag, and its image, with the lock as reason", () => {
    const items = plan([manifest("a")], [tag("old", "a", 200, true), tag("older", "a", 300)]);
    expect(brief(items)).toEqual(["keep a [old] locked-tag", "keep a [older] locked-tag"]);
    expect(items[1].reason).toMatch(/^kept: tag old is locked \(delete or write disabled\)\. Otherwise: tag is stale/);
  });

  it("still untags the other candidates when a fresh tag keeps an image that has a locked tag", () => {
    const items = plan([manifest("a")], [tag("latest", "a", 1, true), tag("old", "a", 200)]);
    expect(brief(items)).toEqual(["untag a [old] other-tags-kept"]);
  });

  it("keeps a locked manifest: stale tags and the untagged rule give keep rows", () => {
    const items = plan([manifest("a", { locked: true }), manifest("u", { locked: true })], [tag("old", "a", 200)]);
    expect(brief(items)).toEqual(["keep a [old] locked-manifest", "keep u [] locked-manifest"]);
    expect(items[1].reason).toMatch(/^kept: manifest is locked .*Otherwise: untagged and last updated/);
  });

  it("keeps an in-use digest, including its stale tags beside fresh ones (a pod may pull by tag)", () => {
    const items = plan(
      [manifest("a"), manifest("b")],
      [tag("old", "a", 200), tag("old-b", "b", 200), tag("fresh", "b", 1)],
      { inUse: ["a", "b"] },
    );
    expect(brief(items)).toEqual(["keep a [old] in-use", "keep b [old-b] in-use"]);
  });

  it("names every protection, the first by precedence giving the code", () => {
    const [item] = plan([manifest("a", { locked: true })], [tag("old", "a", 200)], { inUse: ["a"] });
    expect(item.reasonCode).toBe("locked-manifest");
    expect(item.reason).toContain("manifest is locked (delete or write disabled); digest is in use");
  });
});

describe("planRepository: multi-arch indexes", () => {
  const platforms = () => [manifest("amd64"), manifest("arm64")];

  it("keeps an index's untagged children while the index is kept, without rows", () => {
    const items = plan(
      [manifest("idx", { childDigests: ["amd64", "arm64"] }), ...platforms()],
      [tag("latest", "idx", 1)],
    );
    expect(items).toEqual([]);
  });

  it("deletes a stale index and then its children, index first", () => {
    const items = plan(
      [manifest("idx", { childDigests: ["amd64", "arm64"] }), ...platforms()],
      [tag("old", "idx", 200)],
    );
    expect(brief(items)).toEqual([
      "delete idx [old] stale-tags",
      "delete amd64 [] index-deleted",
      "delete arm64 [] index-deleted",
    ]);
    expect(items[1].reason).toBe("platform manifest referenced only by deleted index idx");
  });

  it("keeps a child shared with a kept index, and a protected child of a deleted index", () => {
    const items = plan(
      [
        manifest("idx-old", { childDigests: ["amd64", "arm64"] }),
        manifest("idx-new", { childDigests: ["arm64"] }),
        ...platforms(),
      ],
      [tag("old", "idx-old", 200), tag("new", "idx-new", 1)],
      { inUse: ["amd64"] },
    );
    expect(brief(items)).toEqual(["delete idx-old [old] stale-tags", "keep amd64 [] in-use"]);
    expect(items[1].reason).toContain("Otherwise: platform manifest referenced only by deleted index idx-old");
  });

  it("keeps a tagged child's stale tags as keep rows while its index is kept", () => {
    const items = plan(
      [manifest("idx", { childDigests: ["amd64"] }), manifest("amd64")],
      [tag("latest", "idx", 1), tag("old-amd64", "amd64", 200)],
    );
    expect(brief(items)).toEqual(["keep amd64 [old-amd64] child-of-kept-index"]);
  });

  it("lets a fresh tag on a child keep it when its index goes", () => {
    const items = plan(
      [manifest("idx", { childDigests: ["amd64"] }), manifest("amd64")],
      [tag("old", "idx", 200), tag("amd64-fresh", "amd64", 1)],
    );
    expect(brief(items)).toEqual(["delete idx [old] stale-tags"]);
  });
});

describe("planRepository: referrers", () => {
  const sig = (o: Partial<StaleManifest> & { daysAgo?: number } = {}) =>
    manifest("sig", { subjectDigest: "img", artifactType: "application/vnd.cncf.notary.signature", ...o });

  it("keeps the signature of a kept image, and keeps its stale tag as a keep row", () => {
    expect(plan([manifest("img"), sig()], [tag("latest", "img", 1)])).toEqual([]);
    const items = plan([manifest("img"), sig()], [tag("latest", "img", 1), tag("sha256-img.sig", "sig", 200)]);
    expect(brief(items)).toEqual(["keep sig [sha256-img.sig] subject-kept"]);
    expect(items[0].reason).toMatch(/^kept: signature of kept image img\./);
  });

  it("deletes the signature and SBOM of a deleted image, referrers first", () => {
    const sbom = manifest("sbom", { subjectDigest: "img", artifactType: "application/spdx+json" });
    const items = plan([manifest("img"), sig(), sbom], [tag("old", "img", 200), tag("sig-fresh", "sig", 1)]);
    expect(brief(items)).toEqual([
      "delete sbom [] subject-deleted",
      "delete sig [sig-fresh] subject-deleted",
      "delete img [old] stale-tags",
    ]);
    expect(items[0].reason).toBe("SBOM of deleted image img (ACR deletes an image's referrers with it)");
  });

  it("keeps the image of a protected referrer, since deleting the image would take it along", () => {
    const items = plan([manifest("img"), sig({ locked: true })], [tag("old", "img", 200)]);
    expect(brief(items)).toEqual(["keep img [old] protected-referrer"]);
  });

  it("judges a referrer whose subject is gone from the repository as an orphan", () => {
    expect(brief(plan([sig({ daysAgo: 30 })], []))).toEqual(["delete sig [] untagged"]);
  });
});

describe("planRepository: cosign tag-convention artifacts (sha256-<hex>.sig/.att/.sbom, no subject)", () => {
  /** A full content digest, as cosign's tags need: D("a") = sha256:aaaa…a. */
  const D = (c: string) => `sha256:${c.repeat(64)}`;
  const cosign = (subject: string, ext: "sig" | "att" | "sbom") => `${subject.replace(":", "-")}.${ext}`;
  const [IMG, SIG, ATT, IDX, AMD, ARM, ORPHAN] = ["1", "2", "3", "4", "5", "6", "7"].map(D);
  const short = (items: PlanItem[]) =>
    brief(items).map((line) => line.replace(/sha256:(\w)\1{63}/g, "D$1").replace(/sha256-(\w)\1{63}/g, "D$1"));

  it("protects the signature and attestation of a kept image: stale cosign tags are keep rows naming the subject", () => {
    const manifests = [manifest(IMG), manifest(SIG), manifest(ATT)];
    expect(
      plan(manifests, [tag("latest", IMG, 1), tag(cosign(IMG, "sig"), SIG, 1), tag(cosign(IMG, "att"), ATT, 1)]),
    ).toEqual([]);
    const items = plan(manifests, [
      tag("latest", IMG, 1),
      tag(cosign(IMG, "sig"), SIG, 200),
      tag(cosign(IMG, "att"), ATT, 200),
    ]);
    expect(short(items)).toEqual(["keep D2 [D1.sig] subject-kept", "keep D3 [D1.att] subject-kept"]);
    expect(items[0].reason).toMatch(
      new RegExp(`^kept: cosign signature \\(tag ${cosign(IMG, "sig")}\\) of kept image ${IMG}\\.`),
    );
    expect(items[1].reason).toContain(`cosign attestation (tag ${cosign(IMG, "att")}) of kept image ${IMG}`);
  });

  it("deletes them with their image, before it, whatever their own tags' age, saying ACR would leave them behind", () => {
    const items = plan(
      [manifest(IMG), manifest(SIG), manifest(ATT)],
      [tag("old", IMG, 200), tag(cosign(IMG, "sig"), SIG, 1), tag(cosign(IMG, "att"), ATT, 300)],
    );
    expect(short(items)).toEqual([
      "delete D2 [D1.sig] subject-deleted",
      "delete D3 [D1.att] subject-deleted",
      "delete D1 [old] stale-tags",
    ]);
    expect(items[0].reason).toBe(
      `cosign signature (tag ${cosign(IMG, "sig")}) of deleted image ${IMG}: ACR does not delete tag-convention artifacts with their image, so the plan does`,
    );
  });

  it("does not let cosign tags take keepLatest places from image tags", () => {
    const tags = [tag("v-new", IMG, 150), tag(cosign(IMG, "sig"), SIG, 50), tag(cosign(IMG, "sbom"), ATT, 50)];
    // keepLatest 1 keeps v-new, the newest image tag, although both cosign tags are newer.
    expect(plan([manifest(IMG), manifest(SIG), manifest(ATT)], tags, { rules: { keepLatest: 1 } })).toEqual([]);
  });

  it("keeps a multi-arch index, its platforms and its signature together, and deletes them together", () => {
    const manifests = [manifest(IDX, { childDigests: [AMD, ARM] }), manifest(AMD), manifest(ARM), manifest(SIG)];
    expect(
      plan(manifests, [tag("latest", IDX, 1), tag(cosign(IDX, "sig"), SIG, 200)]).map(
        (i) => `${i.action} ${i.reasonCode}`,
      ),
    ).toEqual(["keep subject-kept"]);
    const items = plan(manifests, [tag("old", IDX, 200), tag(cosign(IDX, "sig"), SIG, 200)]);
    expect(short(items)).toEqual([
      "delete D2 [D4.sig] subject-deleted",
      "delete D4 [old] stale-tags",
      "delete D5 [] index-deleted",
      "delete D6 [] index-deleted",
    ]);
  });

  it("signs a platform manifest: kept while its index is, deleted when the index goes", () => {
    const manifests = [manifest(IDX, { childDigests: [AMD] }), manifest(AMD), manifest(SIG)];
    expect(plan(manifests, [tag("latest", IDX, 1), tag(cosign(AMD, "sig"), SIG, 1)])).toEqual([]);
    expect(short(plan(manifests, [tag("old", IDX, 200), tag(cosign(AMD, "sig"), SIG, 1)]))).toEqual([
      "delete D2 [D5.sig] subject-deleted",
      "delete D4 [old] stale-tags",
      "delete D5 [] index-deleted",
    ]);
  });

  it("keeps a signature shared by two images (one digest, two cosign tags) while either image stays", () => {
    const manifests = [manifest(IMG), manifest(IDX), manifest(SIG)];
    const signed = [tag(cosign(IMG, "sig"), SIG, 200), tag(cosign(IDX, "sig"), SIG, 200)];
    const oneKept = plan(manifests, [tag("old", IMG, 200), tag("fresh", IDX, 1), ...signed]);
    expect(short(oneKept)).toEqual([
      "delete D1 [old] stale-tags",
      "keep D2 [D1.sig] subject-kept",
      "keep D2 [D4.sig] subject-kept",
    ]);
    expect(oneKept[1].reason).toContain(`of kept image ${IDX}`);
    const bothGo = plan(manifests, [tag("old", IMG, 200), tag("old-too", IDX, 200), ...signed]);
    expect(short(bothGo)).toEqual([
      "delete D2 [D1.sig,D4.sig] subject-deleted",
      "delete D1 [old] stale-tags",
      "delete D4 [old-too] stale-tags",
    ]);
  });

  it("keeps the image of a locked or in-use signature, as for OCI referrers", () => {
    const manifests = [manifest(IMG), manifest(SIG)];
    expect(short(plan(manifests, [tag("old", IMG, 200), tag(cosign(IMG, "sig"), SIG, 200, true)]))).toEqual([
      "keep D1 [old] protected-referrer",
      "keep D2 [D1.sig] locked-tag",
    ]);
    expect(short(plan(manifests, [tag("old", IMG, 200), tag(cosign(IMG, "sig"), SIG, 1)], { inUse: [SIG] }))).toEqual([
      "keep D1 [old] protected-referrer",
    ]);
  });

  it("lets an orphan (its image not in the repository) go only by its tag's age, saying why", () => {
    expect(plan([manifest(SIG)], [tag(cosign(ORPHAN, "sig"), SIG, 10)])).toEqual([]);
    const items = plan([manifest(SIG)], [tag(cosign(ORPHAN, "sig"), SIG, 200)]);
    expect(short(items)).toEqual(["delete D2 [D7.sig] orphaned-artifact"]);
    expect(items[0].reason).toBe(
      `cosign signature of ${ORPHAN}, which is not in this repository (deleted, or the signature is kept apart with COSIGN_REPOSITORY): ` +
        "its only tag is stale: last updated more than 90 days before 2026-05-01, not among the repository's 0 newest, matching no keep pattern",
    );
    // A keep pattern still keeps an orphan.
    expect(
      plan([manifest(SIG)], [tag(cosign(ORPHAN, "sig"), SIG, 200)], { rules: { keepPatterns: ["\\.sig$"] } }),
    ).toEqual([]);
  });

  it("leaves names that only look like the convention as ordinary tags", () => {
    const items = plan(
      [manifest(IMG), manifest(SIG)],
      [tag("latest", IMG, 1), tag(`sha256-${"1".repeat(63)}.sig`, SIG, 200), tag(`${cosign(IMG, "sig")}x`, SIG, 200)],
    );
    expect(
      short(items).map((line) =>
        line
          .split(" ")
          .slice(0, 2)
          .concat(line.split(" ").at(-1) as string)
          .join(" "),
      ),
    ).toEqual(["delete D2 stale-tags"]);
  });
});

describe("planRepository: determinism and scale", () => {
  it("ranks a tag whose manifest is missing among the tags but gives it no row", () => {
    const items = plan(
      [manifest("a")],
      [tag("ghost", "gone", 300), tag("newer-ghost", "gone", 1), tag("old", "a", 200)],
      { rules: { keepLatest: 1 } },
    );
    expect(brief(items)).toEqual(["delete a [old] stale-tags"]);
  });

  it("plans 30,000 manifests (10,000 stale indexes with two children each), parents before children", () => {
    const manifests: StaleManifest[] = [];
    const tags: StaleTag[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = String(i).padStart(5, "0");
      manifests.push(
        manifest(`i${id}`, { childDigests: [`c${id}a`, `c${id}b`] }),
        manifest(`c${id}a`),
        manifest(`c${id}b`),
      );
      tags.push(tag(`t${id}`, `i${id}`, 100 + (i % 50)));
    }
    const items = plan(manifests, tags, { rules: { keepLatest: 5 } });
    expect(items.filter((i) => i.reasonCode === "stale-tags")).toHaveLength(9_995);
    expect(items.filter((i) => i.reasonCode === "index-deleted")).toHaveLength(19_990);
    const position = new Map(items.map((item, i) => [item.digest, i]));
    expect(position.get("i00001")).toBeLessThan(position.get("c00001a") as number);
  });

  it("gives the same plan whatever the input order", () => {
    const manifests = [
      manifest("idx", { childDigests: ["c1", "c2"] }),
      manifest("c1"),
      manifest("c2"),
      manifest("u", { daysAgo: 30 }),
      manifest("x"),
    ];
    const tags = [tag("old", "idx", 200), tag("b", "x", 200), tag("a", "x", 1)];
    expect(plan([...manifests].reverse(), [...tags].reverse())).toEqual(plan(manifests, tags));
  });
});
