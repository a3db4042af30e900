// Layer blobs. Base-image layers are shared: every repository built on the same base
// version in a registry references the very same blob object, which is what makes
// "unique" and "attributed" storage differ from the naive sum of image sizes.
import { BASE_IMAGES } from "./names";
import { MEDIA } from "./bodies";
import { rngFor } from "./prng";
import type { SimBlob } from "./estate";
import { DAY_MS } from "../calendar";
import { BUNDLE_LAYER_BYTES, BUNDLE_LAYERS } from "./anomaly";

export interface ImageSpec {
  baseIndex: number;
  depsBytes: number;
  appBytes: number;
  format: "docker" | "oci";
}

export interface ImageBlobs {
  config: SimBlob;
  layers: SimBlob[];
}

export class LayerFactory {
  private readonly shared = new Map<string, SimBlob>();
  private readonly baseSets = new Map<string, SimBlob[]>();
  constructor(
    private readonly seed: number,
    private readonly registry: string,
  ) {}

  private sharedBlob(key: string, sizeBytes: number, mediaType: string): SimBlob {
    const found = this.shared.get(key);
    if (found) return found;
    const blob = { digest: rngFor(this.seed, this.registry, key).digest(), sizeBytes, mediaType };
    this.shared.set(key, blob);
    return blob;
  }

  private uniqueBlob(digest: string, sizeBytes: number, mediaType: string): SimBlob {
    return { digest, sizeBytes, mediaType };
  }

  /** Base layers as of `atMs`: bases are rebuilt every ~5 weeks, their OS layer ~5 months. */
  private baseLayers(baseIndex: number, arch: string, atMs: number, format: ImageSpec["format"]): SimBlob[] {
    const version = Math.floor((atMs / DAY_MS + baseIndex * 11) / 35);
    const setKey = `${baseIndex}|${arch}|${version}|${format}`;
    const cached = this.baseSets.get(setKey);
    if (cached) return cached;
    const mediaType = format === "oci" ? MEDIA.ociLayer : MEDIA.dockerLayer;
    const set = BASE_IMAGES[baseIndex].layers.map((bytes, j) => {
      const v = j === 0 ? Math.floor(version / 4) : version;
      // Small per-version jitter (±2 %) keeps base bumps below any regression threshold.
      const jitter = 1 + ((((v * 2654435761) >>> 0) % 41) - 20) / 1000;
      const archScale = arch === "arm64" ? 0.94 : 1;
      return this.sharedBlob(
        `base|${baseIndex}|${arch}|${j}|${v}|${format}`,
        Math.round(bytes * jitter * archScale),
        mediaType,
      );
    });
    this.baseSets.set(setKey, set);
    return set;
  }

  /**
   * Config + layers of one image build: base layers, a dependency layer that changes every
   * 8 builds, and an application layer unique to the build. `growth` inflates the
   * application layer by that share of the whole image (the planted regression).
   */
  image(repo: string, arch: string, buildNo: number, createdMs: number, spec: ImageSpec, growth = 0): ImageBlobs {
    const mediaType = spec.format === "oci" ? MEDIA.ociLayer : MEDIA.dockerLayer;
    const base = this.baseLayers(spec.baseIndex, arch, createdMs, spec.format);
    const depsGen = Math.floor(buildNo / 8);
    const deps = this.sharedBlob(
      `deps|${repo}|${arch}|${depsGen}|${spec.format}`,
      Math.round(spec.depsBytes * (1 + depsGen * 0.002)),
      mediaType,
    );
    const r = rngFor(this.seed, this.registry, repo, arch, buildNo);
    let appBytes = Math.round(spec.appBytes * (1 + buildNo * 0.0005) * (0.99 + r.next() * 0.02));
    if (growth > 0)
      appBytes += Math.round((base.reduce((s, l) => s + l.sizeBytes, 0) + deps.sizeBytes + appBytes) * growth);
    const app = this.uniqueBlob(r.digest(), appBytes, mediaType);
    const config = this.uniqueBlob(
      r.digest(),
      r.int(1_500, 9_000),
      spec.format === "oci" ? MEDIA.ociConfig : MEDIA.dockerConfig,
    );
    return { config, layers: [...base, deps, app] };
  }

  /** The layers of the planted bundle pushed at `createdMs`: each unique and GiB-sized. */
  bundle(repo: string, createdMs: number): SimBlob[] {
    const r = rngFor(this.seed, this.registry, repo, "bundle", createdMs);
    return Array.from({ length: BUNDLE_LAYERS }, () =>
      this.uniqueBlob(r.digest(), r.int(BUNDLE_LAYER_BYTES.min, BUNDLE_LAYER_BYTES.max), MEDIA.ociLayer),
    );
  }

  /** The single blob of a signature or SBOM. */
  artifactBlob(key: string, artifactType: string): SimBlob {
    const r = rngFor(this.seed, this.registry, key, artifactType);
    const isSbom = artifactType.includes("spdx");
    return this.uniqueBlob(
      r.digest(),
      isSbom ? r.int(40_000, 600_000) : r.int(1_800, 2_600),
      isSbom ? "application/spdx+json" : "application/jose+json",
    );
  }
}
