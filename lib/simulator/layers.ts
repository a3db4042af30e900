// Layer blobs. Base-image layers are shared: every repository built on the same base
// version in a registry references the very same blob, which is what makes "unique" and
// "attributed" storage differ from the naive sum of image sizes.
import { BASE_IMAGES } from "./names";
import { MEDIA } from "./bodies";
import { rngFor } from "./prng";
import type { SimBlob } from "./estate";
import { DAY_MS } from "./clock";

export interface ImageSpec {
  baseIndex: number;
  depsBytes: number;
  appBytes: number;
  format: "docker" | "oci";
}

export class LayerFactory {
  private readonly shared = new Map<string, SimBlob>();

  constructor(private readonly seed: number, private readonly registry: string) {}

  private blob(key: string, sizeBytes: number, mediaType: string): SimBlob {
    const found = this.shared.get(key);
    if (found) return found;
    const blob = { digest: "sha256:" + rngFor(this.seed, this.registry, key).hex(64), sizeBytes, mediaType };
    this.shared.set(key, blob);
    return blob;
  }

  /** Base layers as of `atMs`: bases are rebuilt every ~5 weeks, their OS layer ~5 months. */
  baseLayers(baseIndex: number, arch: string, atMs: number, format: ImageSpec["format"]): SimBlob[] {
    const base = BASE_IMAGES[baseIndex];
    const version = Math.floor((atMs / DAY_MS + baseIndex * 11) / 35);
    const mediaType = format === "oci" ? MEDIA.ociLayer : MEDIA.dockerLayer;
    return base.layers.map((bytes, j) => {
      const v = j === 0 ? Math.floor(version / 4) : version;
      // Small per-version jitter (±2 %) keeps base bumps below any regression threshold.
      const jitter = 1 + (((v * 2654435761) >>> 0) % 41 - 20) / 1000;
      const archScale = arch === "arm64" ? 0.94 : 1;
      return this.blob(`base|${baseIndex}|${arch}|${j}|${v}|${format}`, Math.round(bytes * jitter * archScale), mediaType);
    });
  }

  /** The dependency layer changes every 8 builds; the application layer every build. */
  appLayers(repo: string, arch: string, buildNo: number, spec: ImageSpec, extraBytes: number): SimBlob[] {
    const mediaType = spec.format === "oci" ? MEDIA.ociLayer : MEDIA.dockerLayer;
    const depsGen = Math.floor(buildNo / 8);
    const deps = this.blob(`deps|${repo}|${arch}|${depsGen}|${spec.format}`, Math.round(spec.depsBytes * (1 + depsGen * 0.002)), mediaType);
    const r = rngFor(this.seed, this.registry, repo, arch, buildNo);
    const appBytes = Math.round(spec.appBytes * (1 + buildNo * 0.0005) * (0.99 + r.next() * 0.02)) + extraBytes;
    const app = { digest: "sha256:" + r.hex(64), sizeBytes: appBytes, mediaType };
    return [deps, app];
  }

  config(repo: string, arch: string, buildNo: number, format: ImageSpec["format"]): SimBlob {
    const r = rngFor(this.seed, this.registry, repo, arch, buildNo, "config");
    return { digest: "sha256:" + r.hex(64), sizeBytes: r.int(1_500, 9_000), mediaType: format === "oci" ? MEDIA.ociConfig : MEDIA.dockerConfig };
  }

  /** The single blob of a signature or SBOM. */
  artifactBlob(key: string, artifactType: string): SimBlob {
    const r = rngFor(this.seed, this.registry, key, artifactType);
    const isSbom = artifactType.includes("spdx");
    return {
      digest: "sha256:" + r.hex(64),
      sizeBytes: isSbom ? r.int(40_000, 600_000) : r.int(1_800, 2_600),
      mediaType: isSbom ? "application/spdx+json" : "application/jose+json",
    };
  }
}
