import { describe, expect, it } from "vitest";
import type { AzureManifest, AzureTag } from "../azure/types";
import type { RowKeysByRepository } from "./kept-inventory";
import { diffRepositories } from "./repository-diff";
import type { ChangedRepository } from "./types";

const at = new Date("2026-11-01T00:00:00Z");
const locks = { deleteEnabled: true, writeEnabled: true, listEnabled: true, readEnabled: true };
const manifest = (digest: string, sizeBytes = 100): AzureManifest => ({
  digest,
  sizeBytes,
  architecture: "amd64",
  os: "linux",
  createdAt: at,
  lastUpdatedAt: at,
  tags: [],
  references: [],
  ...locks,
});
const tag = (name: string, digest: string): AzureTag => ({ name, digest, createdAt: at, lastUpdatedAt: at, ...locks });
const repository = (name: string, manifests: AzureManifest[], tags: AzureTag[]): ChangedRepository =>
  ({ properties: { name, createdAt: at, lastUpdatedAt: at, ...locks }, manifests, tags }) as ChangedRepository;

const ids = new Map([["team/app", 7]]);
const yesterday = repository(
  "team/app",
  [manifest("sha256:a"), manifest("sha256:b")],
  [tag("v1", "sha256:a"), tag("latest", "sha256:a"), tag("v2", "sha256:b")],
);

/** The row keys a write of `repo` stores, as the next sync finds them kept. */
const keptAfter = (repo: ChangedRepository): RowKeysByRepository => diffRepositories([repo], ids, undefined).rows;

describe("diffRepositories", () => {
  it("replaces a repository whose previous rows are not known whole, and compares all its tags", () => {
    const diff = diffRepositories([yesterday], ids, undefined);
    expect(diff.unknown.repositoryIds).toEqual([7]);
    expect(diff.unknown.manifests.map((m) => m.digest)).toEqual(["sha256:a", "sha256:b"]);
    expect(diff.manifests.map((m) => [m.digest, m.tagCount])).toEqual([
      ["sha256:a", 2],
      ["sha256:b", 1],
    ]);
    expect(diff.tags.map((t) => t.name)).toEqual(["v1", "latest", "v2"]);
    expect(diff.trailWhole).toEqual(["team/app"]);
    expect([diff.trailTags, diff.added, diff.removed, diff.goneManifests, diff.goneTags]).toEqual([[], [], [], [], []]);
    expect([...diff.rows.get("team/app")!.tags.keys()]).toEqual(["v1", "latest", "v2"]);
  });

  it("writes a known repository's listing as its difference: new, changed and gone rows only", () => {
    // Overnight: latest moved to a new manifest c, v2 and its manifest b were deleted.
    const today = repository(
      "team/app",
      [manifest("sha256:a"), manifest("sha256:c", 300)],
      [tag("v1", "sha256:a"), tag("latest", "sha256:c"), tag("v3", "sha256:c")],
    );
    const diff = diffRepositories([today], ids, keptAfter(yesterday));
    expect(diff.unknown.repositoryIds).toEqual([]);
    // a lost a tag (its tag count changed), c is new; v1 is as it was.
    expect(diff.manifests.map((m) => [m.digest, m.tagCount])).toEqual([
      ["sha256:a", 1],
      ["sha256:c", 2],
    ]);
    expect(diff.tags.map((t) => t.name)).toEqual(["latest", "v3"]);
    expect(diff.goneManifests).toEqual([{ repositoryId: 7, digest: "sha256:b" }]);
    expect(diff.goneTags).toEqual([{ repositoryId: 7, name: "v2" }]);
    expect(diff.added).toEqual(["sha256:c"]);
    expect(diff.removed).toEqual(["sha256:b"]);
    expect(diff.trailTags).toEqual([
      { repository: "team/app", tag: "latest" },
      { repository: "team/app", tag: "v3" },
      { repository: "team/app", tag: "v2" },
    ]);
    expect(diff.trailWhole).toEqual([]);
  });

  it("writes nothing for a known repository listed as it was stored", () => {
    const diff = diffRepositories([yesterday], ids, keptAfter(yesterday));
    expect([diff.manifests, diff.tags, diff.goneManifests, diff.goneTags, diff.trailTags]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(diff.rows.get("team/app")).toEqual(keptAfter(yesterday).get("team/app"));
  });

  it("rewrites a manifest whose own facts changed (a lock set) though its tags did not", () => {
    const locked = repository(
      "team/app",
      [{ ...manifest("sha256:a"), deleteEnabled: false }, manifest("sha256:b")],
      yesterday.tags,
    );
    const diff = diffRepositories([locked], ids, keptAfter(yesterday));
    expect(diff.manifests.map((m) => [m.digest, m.deleteEnabled])).toEqual([["sha256:a", false]]);
    expect(diff.tags).toEqual([]);
  });

  it("refuses a repository without a stored id", () => {
    expect(() => diffRepositories([repository("other", [], [])], ids, undefined)).toThrow(/other has no stored id/);
  });
});
