/**
 * Test support: what the inventory should hold for a simulated estate, computed straight from
 * the generator's ground truth (never through the sync or the concepts' rules), so tests compare two
 * independent derivations.
 */
import { listAppImages } from "../simulator/apps";
import type { SimEstate, SimRegistry } from "../simulator/estate";

export type ExpectedRepository = {
  registry: string;
  repository: string;
  manifests: Map<string, { tags: string[]; locked: boolean }>;
  tags: Map<string, string>;
  logicalBytes: bigint;
  uniqueBytes: bigint;
  /** Bounds of the attributed share: Σ⌊size/k⌋ and Σ⌈size/k⌉ over its blobs. */
  attributedMin: bigint;
  attributedMax: bigint;
};

export function expectedRegistryStorage(registry: SimRegistry) {
  const sharers = new Map<string, { size: bigint; repos: Set<string> }>();
  for (const repo of registry.repositories) {
    for (const m of repo.manifests) {
      for (const blob of [...(m.configBlob ? [m.configBlob] : []), ...m.layers]) {
        const entry = sharers.get(blob.digest) ?? { size: BigInt(blob.sizeBytes), repos: new Set<string>() };
        entry.repos.add(repo.name);
        sharers.set(blob.digest, entry);
      }
    }
  }
  let storedBytes = 0n;
  for (const { size } of sharers.values()) storedBytes += size;

  const repositories = registry.repositories.map((repo): ExpectedRepository => {
    let logicalBytes = 0n;
    const blobs = new Set<string>();
    for (const m of repo.manifests) {
      const manifestBlobs = new Map<string, number>();
      for (const b of [...(m.configBlob ? [m.configBlob] : []), ...m.layers]) manifestBlobs.set(b.digest, b.sizeBytes);
      for (const [digest, size] of manifestBlobs) {
        logicalBytes += BigInt(size);
        blobs.add(digest);
      }
    }
    let uniqueBytes = 0n;
    let attributedMin = 0n;
    let attributedMax = 0n;
    for (const digest of blobs) {
      const { size, repos } = sharers.get(digest)!;
      const k = BigInt(repos.size);
      if (k === 1n) uniqueBytes += size;
      attributedMin += size / k;
      attributedMax += (size + k - 1n) / k;
    }
    return {
      registry: registry.name,
      repository: repo.name,
      manifests: new Map(
        repo.manifests.map((m) => [
          m.digest,
          { tags: [...m.tags].sort(), locked: !m.deleteEnabled || !m.writeEnabled },
        ]),
      ),
      tags: new Map(repo.tags.map((t) => [t.name, t.digest])),
      logicalBytes,
      uniqueBytes,
      attributedMin,
      attributedMax,
    };
  });
  return { storedBytes, repositories };
}

export function countEstate(estate: SimEstate) {
  let repositories = 0;
  let manifests = 0;
  let tags = 0;
  for (const r of estate.registries) {
    repositories += r.repositories.length;
    for (const repo of r.repositories) {
      manifests += repo.manifests.length;
      tags += repo.tags.length;
    }
  }
  return { registries: estate.registries.length, repositories, manifests, tags };
}

/**
 * The estate digests the apps run, as `registry/repository@digest`: pinned digests as written,
 * tags resolved through the repository's tags now. Read off the generator's strings
 * (`<loginServer>/<repository>:<tag>` or `@<digest>`), not through the image-reference parser.
 */
export function expectedAppInUseDigests(estate: SimEstate): Set<string> {
  const out = new Set<string>();
  for (const { image } of listAppImages(estate.apps)) {
    const registry = estate.registries.find((r) => image.startsWith(`${r.loginServer}/`));
    if (!registry) continue;
    const rest = image.slice(registry.loginServer.length + 1);
    const at = rest.indexOf("@");
    const colon = rest.lastIndexOf(":");
    const [repository, digest] =
      at !== -1
        ? [rest.slice(0, at), rest.slice(at + 1)]
        : [
            rest.slice(0, colon),
            registry.repositories
              .find((r) => r.name === rest.slice(0, colon))
              ?.tags.find((t) => t.name === rest.slice(colon + 1))?.digest,
          ];
    if (digest) out.add(`${registry.name}/${repository}@${digest}`);
  }
  return out;
}
