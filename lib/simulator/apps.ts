// The apps that run the estate's images: per subscription a few Container Apps (one pinned by
// digest to an image the default stale policy would delete, so the in-use protection shows),
// a Container Apps job, App Service web apps (single container with a staging slot, sidecar
// mode, a code-only site, a Windows container) and a containerised function app. Derived from
// the registries after they are generated, with its own seeded stream: the registries,
// repositories and manifests are exactly what they were without it.
import type { SimManifest, SimRegistry, SimRepository, SimSubscription } from "./estate";
import { DAY_MS } from "../calendar";
import { rngFor, type Rng } from "./prng";

export interface SimAppContainer {
  name: string;
  image: string;
}

/** A revision of a Container App: the latest runs the app's template; in multiple-revision mode older ones stay active. */
export interface SimRevision {
  name: string;
  active: boolean;
  trafficWeight: number;
  containers: SimAppContainer[];
  initContainers: SimAppContainer[];
}

/** A Container App or a Container Apps job (same template shape). */
export interface SimContainerApp {
  kind: "containerapp" | "job";
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  containers: SimAppContainer[];
  initContainers: SimAppContainer[];
  /** Container Apps only, newest first; jobs have none. */
  revisions: SimRevision[];
}

export interface SimSiteConfig {
  linuxFxVersion: string;
  windowsFxVersion?: string;
  siteContainers: (SimAppContainer & { isMain: boolean })[];
}

export interface SimSite extends SimSiteConfig {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  /** App Service's kind list, e.g. `app,linux,container`, `functionapp,linux,container`. */
  kind: string;
  slots: (SimSiteConfig & { name: string })[];
}

/** An estate image pinned by digest in one app only, which the default stale policy would delete. */
export interface SimProtectedImage {
  registry: string;
  repository: string;
  digest: string;
  resourceId: string;
}

export interface SimApps {
  containerApps: SimContainerApp[];
  sites: SimSite[];
  protectedImages: SimProtectedImage[];
}

const STALE_AGE_DAYS = 120;
const KEEP_LATEST = 5;
const KEPT_TAG = /^(v?\d+\.\d+\.\d+|latest)$/;

export function containerAppId(a: SimContainerApp): string {
  const type = a.kind === "job" ? "jobs" : "containerApps";
  return `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.App/${type}/${a.name}`;
}

export function siteId(s: Pick<SimSite, "subscriptionId" | "resourceGroup" | "name">, slot?: string): string {
  const base = `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/providers/Microsoft.Web/sites/${s.name}`;
  return slot === undefined ? base : `${base}/slots/${slot}`;
}

const deletable = (x: { deleteEnabled: boolean; writeEnabled: boolean }) => x.deleteEnabled && x.writeEnabled;

/**
 * Tagged manifests of unlocked repositories that the default policy would delete: every tag
 * older than 120 days, outside the repository's 5 newest, and neither semver nor `latest`.
 */
function staleManifests(repo: SimRepository, untilMs: number): SimManifest[] {
  if (!deletable(repo)) return [];
  const newest = new Set(
    [...repo.tags]
      .sort((a, b) => b.lastUpdatedAt.getTime() - a.lastUpdatedAt.getTime())
      .slice(0, KEEP_LATEST)
      .map((t) => t.name),
  );
  const byName = new Map(repo.tags.map((t) => [t.name, t]));
  return repo.manifests.filter(
    (m) =>
      m.tags.length > 0 &&
      !m.subjectDigest &&
      deletable(m) &&
      m.tags.every((name) => {
        const tag = byName.get(name)!;
        return (
          !newest.has(name) &&
          !KEPT_TAG.test(name) &&
          deletable(tag) &&
          untilMs - tag.lastUpdatedAt.getTime() > STALE_AGE_DAYS * DAY_MS
        );
      }),
  );
}

type Image = { registry: SimRegistry; repo: SimRepository };

const byRecency = (repo: SimRepository) =>
  [...repo.tags].sort((a, b) => b.lastUpdatedAt.getTime() - a.lastUpdatedAt.getTime() || (a.name < b.name ? -1 : 1));
const newestTag = (repo: SimRepository) => byRecency(repo)[0].name;
const previousTag = (repo: SimRepository) => (byRecency(repo)[1] ?? byRecency(repo)[0]).name;
const oldestTag = (repo: SimRepository) => byRecency(repo).at(-1)!.name;

function latestRevision(app: SimContainerApp, trafficWeight: number): SimRevision {
  return {
    name: `${app.name}--rev1`,
    active: true,
    trafficWeight,
    containers: app.containers,
    initContainers: app.initContainers,
  };
}

function pickRepo(rng: Rng, registries: SimRegistry[]): Image {
  const registry = rng.pick(registries);
  return { registry, repo: rng.pick(registry.repositories.filter((r) => r.tags.length > 0)) };
}

const byTag = ({ registry, repo }: Image, tag = newestTag(repo)) => `${registry.loginServer}/${repo.name}:${tag}`;
const byDigest = ({ registry, repo }: Image, digest: string) => `${registry.loginServer}/${repo.name}@${digest}`;

export function buildApps(
  seed: number,
  subscriptions: SimSubscription[],
  registries: SimRegistry[],
  untilMs: number,
): SimApps {
  const apps: SimApps = { containerApps: [], sites: [], protectedImages: [] };
  const usable = registries.filter((r) => r.repositories.some((repo) => repo.tags.length > 0));
  if (usable.length === 0) return apps;
  const stale = usable.flatMap((registry) =>
    registry.repositories.flatMap((repo) => staleManifests(repo, untilMs).map((m) => ({ registry, repo, m }))),
  );
  subscriptions.forEach((sub, i) => {
    const rng = rngFor(seed, "apps", sub.id);
    const rg = `rg-apps-${i}`;
    const location = usable[i % usable.length].location;
    const at = { subscriptionId: sub.id, resourceGroup: rg, location };
    const web = pickRepo(rng, usable);
    const migrate = pickRepo(rng, usable);
    const migrateDigest = rng.pick(migrate.repo.tags).digest;
    const webApp: SimContainerApp = {
      ...at,
      kind: "containerapp",
      name: `ca-web-${i}`,
      containers: [{ name: "web", image: byTag(web) }],
      initContainers: [{ name: "migrate", image: byDigest(migrate, migrateDigest) }],
      revisions: [],
    };
    // Multiple-revision mode: the previous revision still takes a fifth of the traffic.
    webApp.revisions = [
      { ...latestRevision(webApp, 80) },
      {
        name: `${webApp.name}--rev0`,
        active: true,
        trafficWeight: 20,
        containers: [{ name: "web", image: byTag(web, previousTag(web.repo)) }],
        initContainers: webApp.initContainers,
      },
      {
        name: `${webApp.name}--old`,
        active: false,
        trafficWeight: 0,
        containers: [{ name: "web", image: byTag(web, oldestTag(web.repo)) }],
        initContainers: [],
      },
    ];
    apps.containerApps.push(webApp);
    // Distinct per subscription, so each protection belongs to one app.
    const unused = stale.filter((s) => !apps.protectedImages.some((p) => p.digest === s.m.digest));
    const pinned = unused.length > 0 ? rng.pick(unused) : undefined;
    const worker: SimContainerApp = {
      ...at,
      kind: "containerapp",
      name: `ca-worker-${i}`,
      containers: [
        ...(pinned ? [{ name: "worker", image: byDigest(pinned, pinned.m.digest) }] : []),
        { name: "otel", image: "mcr.microsoft.com/dotnet/aspnet:8.0" },
      ],
      initContainers: [],
      revisions: [],
    };
    worker.revisions = [latestRevision(worker, 100)];
    apps.containerApps.push(worker);
    if (pinned)
      apps.protectedImages.push({
        registry: pinned.registry.name,
        repository: pinned.repo.name,
        digest: pinned.m.digest,
        resourceId: containerAppId(worker),
      });
    apps.containerApps.push({
      ...at,
      kind: "job",
      name: `job-nightly-${i}`,
      containers: [{ name: "batch", image: byTag(pickRepo(rng, usable)) }],
      initContainers: [],
      revisions: [],
    });
    apps.sites.push(...buildSites(rng, at, i, usable));
  });
  return apps;
}

function buildSites(
  rng: Rng,
  at: Pick<SimSite, "subscriptionId" | "resourceGroup" | "location">,
  i: number,
  usable: SimRegistry[],
): SimSite[] {
  const portal = pickRepo(rng, usable);
  const previous = previousTag(portal.repo);
  const events = pickRepo(rng, usable);
  const api = pickRepo(rng, usable);
  const none = { siteContainers: [], slots: [] };
  return [
    {
      ...at,
      ...none,
      name: `app-portal-${i}`,
      kind: "app,linux,container",
      linuxFxVersion: `DOCKER|${byTag(portal)}`,
      slots: [{ name: "staging", linuxFxVersion: `DOCKER|${byTag(portal, previous)}`, siteContainers: [] }],
    },
    {
      ...at,
      ...none,
      name: `func-events-${i}`,
      kind: "functionapp,linux,container",
      linuxFxVersion: `DOCKER|${byDigest(events, rng.pick(events.repo.tags).digest)}`,
    },
    {
      ...at,
      ...none,
      name: `app-api-${i}`,
      kind: "app,linux,container",
      linuxFxVersion: "SITECONTAINERS",
      siteContainers: [
        { name: "main", isMain: true, image: byTag(api) },
        { name: "otel-collector", isMain: false, image: "mcr.microsoft.com/oss/otel/opentelemetry-collector:0.98.0" },
      ],
    },
    { ...at, ...none, name: `app-docs-${i}`, kind: "app,linux", linuxFxVersion: "NODE|20-lts" },
    {
      ...at,
      ...none,
      name: `app-legacy-${i}`,
      kind: "app,container,windows",
      linuxFxVersion: "",
      windowsFxVersion: "DOCKER|mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    },
  ];
}

/** Ground truth: every (resource id, image) an app of the estate runs, slots included. */
export function listAppImages(apps: SimApps): { resourceId: string; image: string }[] {
  const out: { resourceId: string; image: string }[] = [];
  for (const a of apps.containerApps) {
    const template = [...a.initContainers, ...a.containers];
    for (const c of template) out.push({ resourceId: containerAppId(a), image: c.image });
    // Other active revisions run what the template no longer says.
    for (const r of a.revisions.filter((r) => r.active)) {
      for (const c of [...r.initContainers, ...r.containers]) {
        if (!template.some((t) => t.name === c.name && t.image === c.image))
          out.push({ resourceId: `${containerAppId(a)}/revisions/${r.name}`, image: c.image });
      }
    }
  }
  const siteImages = (id: string, config: SimSiteConfig) => {
    const fx = config.linuxFxVersion || config.windowsFxVersion || "";
    if (fx.startsWith("DOCKER|")) out.push({ resourceId: id, image: fx.slice("DOCKER|".length) });
    if (fx === "SITECONTAINERS") for (const c of config.siteContainers) out.push({ resourceId: id, image: c.image });
  };
  for (const s of apps.sites) {
    siteImages(siteId(s), s);
    for (const slot of s.slots) siteImages(siteId(s, slot.name), slot);
  }
  return out;
}
