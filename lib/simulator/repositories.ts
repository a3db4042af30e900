// Repository names and their seeded behaviour profiles (how often they push, whether they
// ship multi-arch indexes, sign releases, lock tags, or were abandoned).
import { APPS, BASE_IMAGES, TEAMS, TOOLS } from "./names";
import { rngFor, type Rng } from "./prng";
import { DAY_MS } from "../calendar";
import { dayOf, ORIGIN_MS } from "./clock";
import type { RepoProfile } from "./timeline";
import type { ImageSpec } from "./layers";

export interface RepoPlan {
  profile: RepoProfile;
  spec: ImageSpec;
  /** A few repositories are frozen by their owners (write and delete disabled). */
  frozen: boolean;
}

export function repositoryNames(seed: number, registry: string, count: number, homeTeam: string): string[] {
  const r = rngFor(seed, registry, "names");
  const names = new Set<string>();
  for (const base of BASE_IMAGES) if (names.size < Math.min(count, 3)) names.add(base.name);
  for (const tool of TOOLS) if (names.size < Math.min(count, 5)) names.add(tool);
  while (names.size < count) {
    const team = r.chance(0.4) ? homeTeam : r.pick(TEAMS);
    let name = `${team}/${r.pick(APPS)}`;
    if (r.chance(0.1)) name += `/${r.pick(["migrations", "jobs", "sidecar"])}`;
    if (names.has(name)) name += `-${r.int(2, 99)}`;
    names.add(name);
  }
  return [...names];
}

function logUniform(r: Rng, min: number, max: number): number {
  return Math.exp(Math.log(min) + r.next() * (Math.log(max) - Math.log(min)));
}

/** `retention` scales how many untagged manifests and commit tags a repository keeps. */
export function planRepository(seed: number, registry: string, name: string, retention = 1): RepoPlan {
  const r = rngFor(seed, registry, "repo", name);
  const baseMatch = BASE_IMAGES.findIndex((b) => b.name === name);
  const isBase = baseMatch >= 0;
  const abandoned = r.chance(0.2);
  const profile: RepoProfile = {
    name,
    firstDay: r.chance(0.6) ? r.int(0, 60) : r.int(60, dayOf(ORIGIN_MS + 300 * DAY_MS)),
    abandonDay: abandoned ? r.int(150, dayOf(ORIGIN_MS + 200 * DAY_MS)) : Number.MAX_SAFE_INTEGER,
    pushesPerDay: isBase ? 0.1 : logUniform(r, 0.02, 1.2),
    multiArch: isBase || r.chance(0.12),
    format: r.chance(0.5) ? "oci" : "docker",
    featureBranchShare: isBase ? 0 : r.next() * 0.3,
    shaTagShare: r.chance(0.6) ? 0.9 : 0.1,
    releaseShare: isBase ? 0.5 : 0.03 + r.next() * 0.15,
    lockReleases: r.chance(0.3),
    signReleases: r.chance(0.2),
    keepUntagged: Math.round(r.int(2, 25) * retention),
    keepShaTags: Math.round(r.int(5, 30) * retention),
  };
  const spec: ImageSpec = {
    baseIndex: isBase ? baseMatch : r.int(0, BASE_IMAGES.length - 1),
    depsBytes: isBase ? 1_000_000 : Math.round(logUniform(r, 2e6, 150e6)),
    appBytes: Math.round(logUniform(r, 0.5e6, 60e6)),
    format: profile.format,
  };
  return { profile, spec, frozen: r.chance(0.03) };
}

/** When the planted image-size regression is pushed: the first release build at or after it. */
export const REGRESSION_AT_MS = ORIGIN_MS + 200 * DAY_MS;

/**
 * The planted regression lives in a release-only repository that keeps every build; its team
 * pushes nothing after the bloated release, so at any later date it is the newest image.
 */
export function regressionPlan(plan: RepoPlan): RepoPlan {
  return {
    ...plan,
    frozen: false,
    profile: {
      ...plan.profile,
      firstDay: 3,
      abandonDay: Number.MAX_SAFE_INTEGER,
      pushesPerDay: 0.25,
      multiArch: false,
      featureBranchShare: 0,
      shaTagShare: 0,
      releaseShare: 1,
      keepUntagged: 1000,
      regressionAtMs: REGRESSION_AT_MS,
      haltAfterRegression: true,
    },
  };
}
