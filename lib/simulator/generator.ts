// The estate as a pure function of (seed, scale, date): registries, their repositories'
// replayed histories, tasks, runs and usages. Login servers are supplied by the caller
// (the server knows its ports); everything else is derived from the seed.
import type {
  PlantedAnomaly,
  PlantedRegression,
  Scale,
  SimBlob,
  SimEstate,
  SimRegistry,
  SimRepository,
  SimUsage,
} from "./estate";
import { buildRegistryShells, buildSubscriptions, SCALE_PLANS } from "./registries";
import { planRepository, regressionPlan, repositoryNames, type RepoPlan } from "./repositories";
import { createRepoTimeline, type RepoTimeline } from "./timeline";
import { materializeRepository } from "./materialize";
import { LayerFactory } from "./layers";
import { rngFor } from "./prng";
import { buildRuns, buildTasks, RunBook } from "./tasks";
import { buildApps, type SimApps } from "./apps";
import { ANOMALY_REGISTRY_INDEX, anomalyPlan, pickAnomalyRepository } from "./anomaly";

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
  return new EstateGenerator(opts).at(opts.date);
}

/** One repository carried from date to date: its timeline and the manifests last laid out from it. */
interface RepoSlot {
  name: string;
  plan: RepoPlan;
  timeline: RepoTimeline;
  regression: boolean;
  materialized: SimRepository | null;
  revision: number;
}

interface RegistrySlot {
  layers: LayerFactory;
  repos: RepoSlot[];
  runs: RunBook;
  stored: DistinctBytes;
  /** The repository receiving the planted bundles, in the registry that has it. */
  anomalyRepo?: string;
}

/**
 * The estate at successive dates. Moving forward only applies each repository's new events and
 * lays out again only the repositories they touched (the others keep their manifests, bodies and
 * digests), so a demo that steps day by day pays for the day's changes, not for all of history.
 * Every date gives exactly what a fresh generation at that date gives (generateEstate is this
 * class used once); moving backward starts over.
 */
export class EstateGenerator {
  private slots: RegistrySlot[] | null = null;
  private reachedMs = -Infinity;

  constructor(private readonly opts: Omit<GenerateOptions, "date">) {}

  at(date: Date): SimEstate {
    const { seed, scale } = this.opts;
    const untilMs = date.getTime();
    if (untilMs < this.reachedMs) this.slots = null;
    this.reachedMs = untilMs;
    const subscriptions = buildSubscriptions(seed, scale);
    const registries = buildRegistryShells(seed, scale, subscriptions);
    const slots = (this.slots ??= registries.map((registry, index) => this.slotFor(registry, index)));
    // Large estates would hold ~1 GB of JSON; there bodies are re-rendered on demand.
    const cacheBodies = scale !== "large";
    let plantedRegression: PlantedRegression | null = null;
    const anomalyAt = slots[ANOMALY_REGISTRY_INDEX];
    const plantedAnomaly: PlantedAnomaly = {
      registry: registries[ANOMALY_REGISTRY_INDEX].name,
      repository: anomalyAt.anomalyRepo!,
    };
    registries.forEach((registry, index) => {
      if (this.opts.loginServer) registry.loginServer = this.opts.loginServer(registry.name, index);
      const { layers, repos, runs, stored } = slots[index];
      for (const slot of repos) {
        const state = slot.timeline.advanceTo(untilMs);
        if (!state) continue;
        if (!slot.materialized || slot.revision !== slot.timeline.revision) {
          const { plan } = slot;
          const locks = {
            deleteEnabled: !plan.frozen,
            writeEnabled: !plan.frozen,
            listEnabled: true,
            readEnabled: true,
          };
          slot.materialized = materializeRepository({
            name: slot.name,
            state,
            spec: plan.spec,
            layers,
            locks,
            cacheBodies,
          });
          slot.revision = slot.timeline.revision;
        }
        registry.repositories.push(slot.materialized);
        if (slot.regression) plantedRegression = findRegression(registry.name, slot.materialized);
      }
      registry.repositories.sort((a, b) => (a.name < b.name ? -1 : 1));
      registry.tasks = buildTasks(seed, registry, registry.repositories);
      registry.runs = buildRuns(registry, registry.tasks, registry.repositories, untilMs, runs);
      registry.usages = buildUsages(seed, registry, stored.of(registry.repositories));
    });
    // The apps are read once a sync at most (the demo's replay, only on its last day): laid out when first asked for.
    let apps: SimApps | undefined;
    return {
      seed,
      scale,
      date: new Date(untilMs),
      subscriptions,
      registries,
      plantedRegression,
      plantedAnomaly,
      get apps() {
        return (apps ??= buildApps(seed, subscriptions, registries, untilMs));
      },
    };
  }

  private slotFor(registry: SimRegistry, index: number): RegistrySlot {
    const { seed, scale } = this.opts;
    const names = repositoryNames(seed, registry.name, SCALE_PLANS[scale].repositories[index], registry.tags.team);
    // One repository of the second registry, at every scale (one profile replaced, nothing added).
    const regressionRepo = index === 1 ? names.find((n) => n.includes("/") && !n.startsWith("base/")) : undefined;
    const planOf = (name: string) => planRepository(seed, registry.name, name, RETENTION[scale]);
    const anomalyRepo = index === ANOMALY_REGISTRY_INDEX ? pickAnomalyRepository(names, planOf) : undefined;
    const repos = names.map((name): RepoSlot => {
      const basePlan = planOf(name);
      const plan =
        name === regressionRepo ? regressionPlan(basePlan) : name === anomalyRepo ? anomalyPlan(basePlan) : basePlan;
      const timeline = createRepoTimeline(plan.profile, rngFor(seed, registry.name, "timeline", name));
      return { name, plan, timeline, regression: name === regressionRepo, materialized: null, revision: 0 };
    });
    return {
      layers: new LayerFactory(seed, registry.name),
      repos,
      runs: new RunBook(seed, registry.name),
      stored: new DistinctBytes(),
      anomalyRepo,
    };
  }
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

/**
 * sumDistinctBlobBytes carried from date to date: each blob and manifest body counted by how many
 * manifests of the counted repositories hold it, so a repository laid out again is taken out and
 * put back in, and the others cost nothing. Repositories are never changed once laid out.
 */
class DistinctBytes {
  private counted = new Set<SimRepository>();
  private blobs = new Map<SimBlob, number>();
  private bodies = new Map<string, number>();
  private total = 0;

  of(repositories: SimRepository[]): number {
    const now = new Set(repositories);
    for (const repo of this.counted) if (!now.has(repo)) this.count(repo, -1);
    for (const repo of now) if (!this.counted.has(repo)) this.count(repo, 1);
    this.counted = now;
    return this.total;
  }

  private count(repo: SimRepository, sign: 1 | -1): void {
    for (const m of repo.manifests) {
      this.total += sign * countRef(this.bodies, m.digest, sign) * m.bodySizeBytes;
      if (m.configBlob) this.total += sign * countRef(this.blobs, m.configBlob, sign) * m.configBlob.sizeBytes;
      for (const b of m.layers) this.total += sign * countRef(this.blobs, b, sign) * b.sizeBytes;
    }
  }
}

/** Adds `sign` to a reference count; 1 when the key was just first held or last let go, else 0. */
function countRef<K>(refs: Map<K, number>, key: K, sign: 1 | -1): 0 | 1 {
  const n = (refs.get(key) ?? 0) + sign;
  if (n === 0) refs.delete(key);
  else refs.set(key, n);
  return (sign === 1 && n === 1) || (sign === -1 && n === 0) ? 1 : 0;
}

function buildUsages(seed: number, registry: SimRegistry, storedBytes: number): SimUsage[] {
  // Real ACR's Size lags and includes bookkeeping, so it never equals the blob sum exactly.
  const drift = 1 + rngFor(seed, registry.name, "usage").int(5, 40) / 1000;
  const replicas = Math.max(0, registry.replications.length - 1);
  return [
    {
      name: "Size",
      limit: SIZE_LIMIT_BYTES[registry.sku],
      currentValue: Math.round(storedBytes * drift),
      unit: "Bytes",
    },
    { name: "Webhooks", limit: WEBHOOK_LIMIT[registry.sku], currentValue: registry.webhooks.length, unit: "Count" },
    { name: "Geo-replications", limit: registry.sku === "Premium" ? 10_000 : 0, currentValue: replicas, unit: "Count" },
  ];
}

function findRegression(registry: string, repo: SimRepository): PlantedRegression | null {
  const images = repo.manifests.filter((m) => m.architecture === "amd64" && m.subjectDigest === undefined);
  for (let i = 5; i < images.length; i++) {
    const prior = images
      .slice(i - 5, i)
      .map((m) => m.sizeBytes)
      .sort((a, b) => a - b);
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
