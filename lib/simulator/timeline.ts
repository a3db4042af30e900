// A repository's history as a day-by-day event stream. The stream depends only on the
// repository's own seeded profile, and events are applied in time order up to `untilMs`,
// so a later date always extends the same history (pushes, moved tags, deletions).
import { FEATURE_WORDS } from "./names";
import { DAY_MS } from "../calendar";
import { dayOf, msOfDay } from "./clock";
import { BUNDLE_KEEP_DAYS, BUNDLE_OFFSET_MS, bundleTag, isBundleDay } from "./anomaly";
import type { Rng } from "./prng";

export interface RepoProfile {
  name: string;
  firstDay: number;
  /** Day after which nobody pushes any more (stale repositories). */
  abandonDay: number;
  pushesPerDay: number;
  multiArch: boolean;
  format: "docker" | "oci";
  featureBranchShare: number;
  shaTagShare: number;
  releaseShare: number;
  lockReleases: boolean;
  signReleases: boolean;
  keepUntagged: number;
  keepShaTags: number;
  /** The first build at or after this instant is made much larger (planted regression). */
  regressionAtMs?: number;
  /** No pushes after the regression build, so it stays the newest image at any later date. */
  haltAfterRegression?: boolean;
  /** Receives the planted monthly bundle (anomaly.ts). */
  bundles?: boolean;
}

export type BuildKind = "image" | "index" | "referrer";

export interface Build {
  id: number;
  kind: BuildKind;
  buildNo: number;
  createdMs: number;
  updatedMs: number;
  arch?: string;
  childIds?: number[];
  parentId?: number;
  subjectId?: number;
  artifactType?: string;
  deleteEnabled: boolean;
  writeEnabled: boolean;
  regression: boolean;
  /** The planted bundle: laid out with its own multi-GiB layers (anomaly.ts). */
  bundle?: true;
  /** Number of tags pointing here; kept incrementally so purges stay O(1) per push. */
  tagCount: number;
  referrerIds?: number[];
}

export interface TagState {
  name: string;
  targetId: number;
  kind: "sha" | "semver" | "moving" | "branch" | "bundle";
  createdMs: number;
  updatedMs: number;
  deleteEnabled: boolean;
  writeEnabled: boolean;
}

export interface RepoState {
  builds: Map<number, Build>;
  tags: Map<string, TagState>;
  createdMs: number;
  lastUpdatedMs: number;
}

export const SIGNATURE_TYPE = "application/vnd.cncf.notary.signature";
export const SBOM_TYPE = "application/spdx+json";

/** Replays the repository's history up to `untilMs`; null if it did not exist yet. */
export function replayRepository(p: RepoProfile, rng: Rng, untilMs: number): RepoState | null {
  return createRepoTimeline(p, rng).advanceTo(untilMs);
}

/**
 * A repository's history that can be carried forward: `advanceTo` applies the events up to a
 * later instant to the same state, drawing from the same generator in the same order, so a
 * timeline advanced day by day ends exactly where one replay to the last day ends. The state
 * is mutated in place; `revision` counts the changes applied so far (any event touches it).
 */
export interface RepoTimeline {
  advanceTo(untilMs: number): RepoState | null;
  readonly revision: number;
}

export function createRepoTimeline(p: RepoProfile, rng: Rng): RepoTimeline {
  const s: RepoState = { builds: new Map(), tags: new Map(), createdMs: 0, lastUpdatedMs: 0 };
  let revision = 0;
  let reachedMs = -Infinity;
  // Bookkeeping so that each push costs O(1) amortised instead of rescanning the repository:
  // `untagged` counts deletable top-level manifests without tags, `purgeQueue` lists them
  // oldest-untagged first (stale entries are skipped when popped).
  const purgeQueue: number[] = [];
  let queueHead = 0;
  const shaOrder: string[] = [];
  let shaHead = 0;
  const branchTags = new Set<string>();
  let untagged = 0;
  let nextId = 1;
  let buildNo = 0;
  let version = [1, 0, 0];
  let regressionDone = false;
  const pushProbability = p.pushesPerDay / (1 + p.pushesPerDay);

  const touch = (ms: number): void => {
    if (s.createdMs === 0) s.createdMs = ms;
    s.lastUpdatedMs = ms;
    revision++;
  };
  const addBuild = (b: Omit<Build, "id" | "tagCount">, top: boolean, id = nextId++): Build => {
    const build = b as Build;
    build.id = id;
    build.tagCount = 0;
    s.builds.set(build.id, build);
    if (top) {
      purgeQueue.push(build.id);
      untagged++;
    }
    return build;
  };
  const retarget = (b: Build | undefined, delta: number, ms: number): void => {
    if (!b) return;
    // Locked manifests are never purged, so they are not counted as purgeable.
    if (b.tagCount === 0 && delta > 0 && b.deleteEnabled) untagged--;
    b.tagCount += delta;
    if (b.tagCount === 0 && b.deleteEnabled) {
      untagged++;
      purgeQueue.push(b.id);
    }
    b.updatedMs = ms;
  };
  const setTag = (name: string, kind: TagState["kind"], target: Build, ms: number, locked = false): void => {
    const old = s.tags.get(name);
    if (old) {
      if (old.targetId === target.id) return;
      retarget(s.builds.get(old.targetId), -1, ms);
      old.targetId = target.id;
      old.updatedMs = ms;
    } else {
      s.tags.set(name, {
        name,
        targetId: target.id,
        kind,
        createdMs: ms,
        updatedMs: ms,
        deleteEnabled: !locked,
        writeEnabled: !locked,
      });
      if (kind === "sha") shaOrder.push(name);
      if (kind === "branch") branchTags.add(name);
    }
    retarget(target, 1, ms);
  };
  const deleteTag = (tag: TagState, ms: number): void => {
    s.tags.delete(tag.name);
    branchTags.delete(tag.name);
    retarget(s.builds.get(tag.targetId), -1, ms);
    touch(ms);
  };
  const deleteBuild = (b: Build): void => {
    s.builds.delete(b.id);
    for (const id of b.childIds ?? []) s.builds.delete(id);
    for (const id of b.referrerIds ?? []) s.builds.delete(id);
  };

  const push = (ms: number): void => {
    if (regressionDone && p.haltAfterRegression) return;
    buildNo++;
    const feature = rng.chance(p.featureBranchShare);
    const regression = !regressionDone && p.regressionAtMs !== undefined && ms >= p.regressionAtMs && !feature;
    if (regression) regressionDone = true;
    const common = { buildNo, createdMs: ms, updatedMs: ms, deleteEnabled: true, writeEnabled: true, regression };
    let top: Build;
    if (p.multiArch) {
      const children = ["amd64", "arm64"].map((arch) => addBuild({ ...common, kind: "image", arch }, false));
      top = addBuild({ ...common, kind: "index", childIds: children.map((c) => c.id) }, true);
      for (const c of children) c.parentId = top.id;
    } else {
      top = addBuild({ ...common, kind: "image", arch: "amd64" }, true);
    }
    const sha = rng.hex(7);
    if (rng.chance(p.shaTagShare)) setTag(sha, "sha", top, ms);
    if (feature) {
      setTag(`feature-${rng.pick(FEATURE_WORDS)}`, "branch", top, ms);
    } else {
      setTag("main", "moving", top, ms);
      setTag("latest", "moving", top, ms);
      if (regression || rng.chance(p.releaseShare)) release(top, common);
    }
    touch(ms);
    purge(ms);
  };

  const release = (top: Build, common: Omit<Build, "id" | "tagCount" | "kind">): void => {
    version = rng.chance(0.15) ? [version[0], version[1] + 1, 0] : [version[0], version[1], version[2] + 1];
    if (rng.chance(0.02)) version = [version[0] + 1, 0, 0];
    const locked = p.lockReleases && rng.chance(0.7);
    setTag(`v${version.join(".")}`, "semver", top, common.createdMs, locked);
    if (locked && rng.chance(0.5)) top.deleteEnabled = false;
    setTag("stable", "moving", top, common.createdMs);
    if (!p.signReleases) return;
    const referrers = [SIGNATURE_TYPE, SBOM_TYPE].map((artifactType) =>
      addBuild({ ...common, kind: "referrer", subjectId: top.id, artifactType, regression: false }, false),
    );
    top.referrerIds = referrers.map((r) => r.id);
  };

  const purge = (ms: number): void => {
    while (shaOrder.length - shaHead > p.keepShaTags) {
      const tag = s.tags.get(shaOrder[shaHead++]);
      if (tag && tag.kind === "sha") deleteTag(tag, ms);
    }
    while (untagged > p.keepUntagged && queueHead < purgeQueue.length) {
      const b = s.builds.get(purgeQueue[queueHead++]);
      if (!b || b.tagCount > 0 || !b.deleteEnabled) continue;
      deleteBuild(b);
      untagged--;
      touch(ms);
    }
    if (queueHead > 1024 && queueHead * 2 > purgeQueue.length) {
      purgeQueue.splice(0, queueHead);
      queueHead = 0;
    }
  };

  // Bundles still kept, oldest first. Pushing and deleting them draws nothing from `rng`, and
  // their ids come from their own range, so every other build is laid out as without them.
  const bundles: Build[] = [];
  let nextBundleId = 1_000_000_000;
  const nightly = (ms: number, dayMs: number): void => {
    while (bundles.length > 0 && bundles[0].createdMs <= ms - BUNDLE_KEEP_DAYS * DAY_MS) {
      const old = bundles.shift()!;
      const tag = s.tags.get(bundleTag(old.createdMs));
      if (tag) deleteTag(tag, ms);
      deleteBuild(old);
      if (old.tagCount === 0 && old.deleteEnabled) untagged--;
      touch(ms);
    }
    if (!isBundleDay(dayMs) || s.createdMs === 0) return;
    const bundle = addBuild(
      {
        kind: "image",
        buildNo,
        createdMs: ms,
        updatedMs: ms,
        deleteEnabled: true,
        writeEnabled: true,
        regression: false,
        bundle: true,
      },
      true,
      nextBundleId++,
    );
    setTag(bundleTag(ms), "bundle", bundle, ms);
    bundles.push(bundle);
    touch(ms);
  };

  const dailyChores = (ms: number): void => {
    // Feature branches are merged within two weeks; their tags then disappear.
    for (const name of [...branchTags]) {
      const t = s.tags.get(name);
      if (t && ms - t.updatedMs > 14 * DAY_MS) deleteTag(t, ms);
    }
    const stable = s.tags.get("stable");
    const prod = s.tags.get("prod");
    if (stable && stable.targetId !== prod?.targetId && rng.chance(0.3)) {
      const target = s.builds.get(stable.targetId);
      if (target) {
        setTag("prod", "moving", target, ms);
        touch(ms);
      }
    }
  };

  // Where the replay stands: the next day to draw, and the drawn day whose events are not all applied yet.
  let day = p.firstDay;
  let today: {
    dayMs: number;
    nightlyMs: number | null;
    pushes: number[];
    next: number;
    choresMs: number | null;
  } | null = null;

  const advance = (untilMs: number): void => {
    const lastDay = Math.min(dayOf(untilMs), p.abandonDay);
    for (;;) {
      if (!today) {
        if (day > lastDay) return;
        const dayMs = msOfDay(day);
        // All of a day's draws happen before the cut-off check, so a later date replays the same prefix.
        const pushes: number[] = [];
        while (pushes.length < 8 && rng.next() < pushProbability)
          pushes.push(dayMs + rng.int(7 * 3600, 20 * 3600) * 1000 + rng.int(0, 999));
        pushes.sort((a, b) => a - b);
        const chores = s.createdMs !== 0 && rng.chance(0.5);
        const nightlyMs = p.bundles ? dayMs + BUNDLE_OFFSET_MS : null;
        today = { dayMs, nightlyMs, pushes, next: 0, choresMs: chores ? dayMs + 2 * 3600 * 1000 : null };
      }
      if (today.nightlyMs !== null) {
        if (today.nightlyMs > untilMs) return;
        nightly(today.nightlyMs, today.dayMs);
        today.nightlyMs = null;
      }
      if (today.choresMs !== null) {
        if (today.choresMs > untilMs) return;
        dailyChores(today.choresMs);
        today.choresMs = null;
      }
      while (today.next < today.pushes.length) {
        const ms = today.pushes[today.next];
        if (ms > untilMs) return;
        push(ms);
        today.next++;
      }
      today = null;
      day++;
    }
  };

  return {
    advanceTo(untilMs) {
      if (untilMs < reachedMs) throw new Error("a repository timeline only moves forward");
      reachedMs = untilMs;
      advance(untilMs);
      return s.createdMs === 0 ? null : s;
    },
    get revision() {
      return revision;
    },
  };
}
