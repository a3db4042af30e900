import { describe, expect, it } from "vitest";
import { findMutableTagMoves, mutableTagFindings, type TagTrailEntry } from "./mutable-tags";

const at = (iso: string) => new Date(iso);
const row = (tag: string, digest: string, from: string, to: string | null, repository = "team/api"): TagTrailEntry => ({
  repository,
  tag,
  digest,
  seenFrom: at(from),
  seenTo: to === null ? null : at(to),
});
const options = { tags: ["latest", "prod"], asOfDay: "2026-06-30" };

describe("findMutableTagMoves", () => {
  it("counts moves of production-like tags within the 30 days up to the end of the as-of day", () => {
    const trail = [
      row("prod", "sha256:aaa", "2026-04-01T00:00:00Z", "2026-05-20T10:00:00Z"),
      row("prod", "sha256:bbb", "2026-05-20T10:00:00Z", "2026-06-10T08:00:00Z"),
      row("prod", "sha256:ccc", "2026-06-10T08:00:00Z", "2026-06-30T23:00:00Z"),
      row("prod", "sha256:ddd", "2026-06-30T23:00:00Z", null),
    ];
    const moves = findMutableTagMoves(trail, options);
    // 2026-05-20 is before the window (31 May 00:00 → 1 July 00:00); 10 June and 30 June are in it.
    expect(moves).toEqual([
      {
        repository: "team/api",
        tag: "prod",
        moves: 2,
        lastDigests: ["sha256:ddd", "sha256:ccc", "sha256:bbb"],
        lastMovedAt: at("2026-06-30T23:00:00Z"),
      },
    ]);
  });

  it("ignores other tags, moves after the as-of day, first appearances and re-pushes after a deletion", () => {
    const trail = [
      row("v1.2.3", "sha256:aaa", "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"),
      row("v1.2.3", "sha256:bbb", "2026-06-02T00:00:00Z", null),
      row("latest", "sha256:aaa", "2026-06-01T00:00:00Z", "2026-07-02T00:00:00Z"),
      row("latest", "sha256:bbb", "2026-07-02T00:00:00Z", null),
      row("prod", "sha256:aaa", "2026-06-05T00:00:00Z", "2026-06-06T00:00:00Z"),
      row("prod", "sha256:bbb", "2026-06-09T00:00:00Z", null),
    ];
    expect(findMutableTagMoves(trail, options)).toEqual([]);
    expect(findMutableTagMoves(trail, { ...options, asOfDay: "2026-07-02" }).map((m) => m.tag)).toEqual(["latest"]);
  });

  it("keeps repositories apart and sorts by repository then tag", () => {
    const trail = [
      row("latest", "sha256:b1", "2026-06-20T00:00:00Z", null, "web"),
      row("latest", "sha256:a1", "2026-06-01T00:00:00Z", "2026-06-20T00:00:00Z", "web"),
      row("latest", "sha256:c1", "2026-06-01T00:00:00Z", "2026-06-21T00:00:00Z", "api"),
      row("latest", "sha256:c2", "2026-06-21T00:00:00Z", null, "api"),
    ];
    expect(findMutableTagMoves(trail, options).map((m) => [m.repository, m.moves, m.lastDigests[0]])).toEqual([
      ["api", 1, "sha256:c2"],
      ["web", 1, "sha256:b1"],
    ]);
  });
});

describe("mutableTagFindings", () => {
  it("states the tag, its moves and last digests, with no saving", () => {
    const [finding] = mutableTagFindings("acme", [
      {
        repository: "team/api",
        tag: "prod",
        moves: 3,
        lastDigests: [`sha256:${"d".repeat(64)}`, `sha256:${"c".repeat(64)}`],
        lastMovedAt: at("2026-06-30T23:00:00Z"),
      },
    ]);
    expect(finding).toMatchObject({
      registry: "acme",
      code: "mutable-tag-moved",
      severity: "low",
      monthlySaving: null,
    });
    expect(finding.evidence).toContain("team/api:prod moved 3 times in the last 30 days");
    expect(finding.evidence).toContain("dddddddddddd, cccccccccccc");
  });
});
