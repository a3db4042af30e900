// The estate as a pure function of (seed, scale, date): registries, their repositories'
// replayed histories, tasks, runs and usages. Login servers are supplied by the caller
// (the server knows its ports); everything else is derived from the seed.
import type { PlantedRegression, Scale, SimBlob, SimEstate, SimRegistry, SimRepository, SimUsage } from "./estate";
import { buildRegistryShells, buildSubscriptions, SCALE_PLANS } from "./registries";
import { planRepository, regressionPlan, repositoryNames } from "./repositories";
import { replayRepository } from "./timeline";
import { materializeRepository } from "./materialize";
import { LayerFactory } from "./layers";
import { rngFor } from "./prng";
import { buildRuns, buildTasks } from "./tasks";
import { buildApps } from "./apps";

export interface GenerateOptions {
  seed: number;
  scale: Scale;
  date: Date;
  /** Maps a registry (by position) to its login server, e.g. `localhost:<port>`. */
  loginServer?: (name: string, index: number) => string;
}

const GIB = 1024 ** 3;
/** Large estates keep more history per repository (~100 manifests each, ~1M in all). */
const RETENTION: Record<Scale, number> = { small: 1, medium: 0.7, large: 3.5 };
const SIZE_LIMIT_BYTES = { Basic: 10 * GIB, Standard: 100 * GIB, Premium: 500 * GIB } as const;
const WEBHOOK_LIMIT = { Basic: 2, Standard: 10, Premium: 500 } as const;

export function generateEstate(opts: GenerateOptions): SimEstate {
  const { seed, scale } = opts;
  const untilMs = opts.date.getTime();
  // Large estates would hold ~1 GB of JSON; there bodies are re-rendered on demand.
  const cacheBodies = scale !== "large";
  const subscriptions = buildSubscriptions(seed, scale);
  const registries = buildRegistryShells(seed, scale, subscriptions);
  let plantedRegression: PlantedRegression | null = null;
  registries.forEach((registry, index) => {
    if (opts.loginServer) registry.loginServer = opts.loginServer(registry.name, index);
    const names = repositoryNames(seed, registry.name, SCALE_PLANS[scale].repositories[index], registry.tags.team);
    const layers = new LayerFactory(seed, registry.name);
    // One repository of the second registry, at every scale (one profile replaced, nothing added).
    const regressionRepo = index === 1 ? names.find((n) => n.includes("/") && !n.startsWith("base/")) : undefined;
    for (const name of names) {
      const basePlan = planRepository(seed, registry.name, name, RETENTION[scale]);
      const plan = name === regressionRepo ? regressionPlan(basePlan) : basePlan;
      const state = replayRepository(plan.profile, rngFor(seed, registry.name, "timeline", name), untilMs);
      if (!state) continue;
      const locks = { deleteEnabled: !plan.frozen, writeEnabled: !plan.frozen, listEnabled: true, readEnabled: true };
      const repo = materializeRepository({ name, state, spec: plan.spec, layers, locks, cacheBodies });
      registry.repositories.push(repo);
      if (name === regressionRepo) plantedRegression = findRegression(registry.name, repo);
    }
    registry.repositories.sort((a, b) => (a.name < b.name ? -1 : 1));
    registry.tasks = buildTasks(seed, registry, registry.repositories);
    registry.runs = buildRuns(seed, registry, registry.tasks, registry.repositories, untilMs);
    registry.usages = buildUsages(seed, registry, layers.distinctBytes);
  });
  const apps = buildApps(seed, subscriptions, registries, untilMs);
  return { seed, scale, date: new Date(untilMs), subscriptions, registries, plantedRegression, apps };
}

/** Distinct blob bytes (layers, configs, manifests) in a registry: what storage really holds. */
export function sumDistinctBlobBytes(registry: SimRegistry): number {
  const seen = new Set<SimBlob>();
  const seenDigests = new Set<string>();
  let total = 0;
  for (const repo of registry.repositories) {
    for (const m of repo.manifests) {
      if (!seenDigests.has(m.digest)) {
        seenDigests.add(m.digest);
        total += m.bodySizeBytes;
      }
      const blobs = m.configBlob ? [m.configBlob, ...m.layers] : m.layers;
      for (const b of blobs) {
        // Blobs are interned per registry, so object identity implies digest identity.
        if (seen.has(b)) continue;
        seen.add(b);
        total += b.sizeBytes;
      }
    }
  }
  return total;
}

function buildUsages(seed: number, registry: SimRegistry, layerBytes: number): SimUsage[] {
  let manifestBytes = 0;
  for (const repo of registry.repositories) for (const m of repo.manifests) manifestBytes += m.bodySizeBytes;
  // Real ACR's Size lags and includes bookkeeping, so it never equals the blob sum exactly.
  const drift = 1 + rngFor(seed, registry.name, "usage").int(5, 40) / 1000;
  const replicas = Math.max(0, registry.replications.length - 1);
  return [
    { name: "Size", limit: SIZE_LIMIT_BYTES[registry.sku], currentValue: Math.round((layerBytes + manifestBytes) * drift), unit: "Bytes" },
    { name: "Webhooks", limit: WEBHOOK_LIMIT[registry.sku], currentValue: registry.webhooks.length, unit: "Count" },
    { name: "Geo-replications", limit: registry.sku === "Premium" ? 10_000 : 0, currentValue: replicas, unit: "Count" },
  ];
}

function findRegression(registry: string, repo: SimRepository): PlantedRegression | null {
  const images = repo.manifests.filter((m) => m.architecture === "amd64" && m.subjectDigest === undefined);
  for (let i = 5; i < images.length; i++) {
    const prior = images.slice(i - 5, i).map((m) => m.sizeBytes).sort((a, b) => a - b);
    const median = prior[2];
    if (images[i].sizeBytes > median * 1.1) {
      const m = images[i];
      return {
        registry,
        repository: repo.name,
        digest: m.digest,
        tag: m.tags.find((t) => t.startsWith("v")) ?? m.tags[0],
        architecture: "amd64",
        sizeBytes: m.sizeBytes,
        baselineMedianBytes: median,
        createdAt: m.createdAt,
      };
    }
  }
  return null;
}
