// Turns a replayed repository history into ground-truth manifests and tags: lays out
// layers, renders bodies and computes digests (children before indexes, subjects before
// their signatures, which ascending build ids already guarantee).
import { ManifestRecord, MEDIA, EMPTY_CONFIG, type IndexChild } from "./bodies";
import type { SimLocks, SimRepository, SimTag } from "./estate";
import type { ImageSpec, LayerFactory } from "./layers";
import type { Build, RepoState } from "./timeline";
import { BUNDLE_ARTIFACT_TYPE } from "./anomaly";

const REGRESSION_GROWTH = 0.3;

export interface MaterializeInput {
  name: string;
  state: RepoState;
  spec: ImageSpec;
  layers: LayerFactory;
  locks: SimLocks;
  cacheBodies: boolean;
}

export function materializeRepository(input: MaterializeInput): SimRepository {
  const { name, state, spec, layers, cacheBodies } = input;
  const tagsByBuild = new Map<number, string[]>();
  for (const t of [...state.tags.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const list = tagsByBuild.get(t.targetId) ?? [];
    list.push(t.name);
    tagsByBuild.set(t.targetId, list);
  }
  const records = new Map<number, ManifestRecord>();
  const dates = (b: Build): { createdAt: Date; lastUpdatedAt: Date } => {
    const createdAt = new Date(b.createdMs);
    return { createdAt, lastUpdatedAt: b.updatedMs === b.createdMs ? createdAt : new Date(b.updatedMs) };
  };
  const common = (b: Build) => ({
    ...dates(b),
    tags: tagsByBuild.get(b.id) ?? [],
    deleteEnabled: b.deleteEnabled,
    writeEnabled: b.writeEnabled,
    listEnabled: true,
    readEnabled: true,
  });
  const ids = [...state.builds.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const b = state.builds.get(id)!;
    let record: ManifestRecord;
    if (b.bundle) {
      // An OCI artifact (as ORAS pushes one): no platform, so image-size trends never read it as an image.
      const all = layers.bundle(name, b.createdMs);
      record = new ManifestRecord(
        {
          ...common(b),
          mediaType: MEDIA.ociManifest,
          artifactType: BUNDLE_ARTIFACT_TYPE,
          configBlob: EMPTY_CONFIG,
          layers: all,
          sizeBytes: EMPTY_CONFIG.sizeBytes + all.reduce((sum, l) => sum + l.sizeBytes, 0),
        },
        cacheBodies,
      );
    } else if (b.kind === "image") {
      const arch = b.arch ?? "amd64";
      const { config: configBlob, layers: all } = layers.image(
        name,
        arch,
        b.buildNo,
        b.createdMs,
        spec,
        b.regression ? REGRESSION_GROWTH : 0,
      );
      record = new ManifestRecord(
        {
          ...common(b),
          mediaType: spec.format === "oci" ? MEDIA.ociManifest : MEDIA.dockerManifest,
          configBlob,
          layers: all,
          architecture: arch,
          os: "linux",
          sizeBytes: configBlob.sizeBytes + all.reduce((sum, l) => sum + l.sizeBytes, 0),
        },
        cacheBodies,
      );
    } else if (b.kind === "index") {
      const children: IndexChild[] = (b.childIds ?? []).map((cid) => {
        const c = records.get(cid)!;
        const variant = c.architecture === "arm64" ? { variant: "v8" } : {};
        return {
          digest: c.digest,
          mediaType: c.mediaType,
          bodySizeBytes: c.bodySizeBytes,
          architecture: c.architecture!,
          os: c.os!,
          ...variant,
        };
      });
      record = new ManifestRecord(
        {
          ...common(b),
          mediaType: spec.format === "oci" ? MEDIA.ociIndex : MEDIA.dockerList,
          layers: [],
          children,
          sizeBytes: (b.childIds ?? []).reduce((sum, cid) => sum + records.get(cid)!.sizeBytes, 0),
        },
        cacheBodies,
      );
    } else {
      const subject = records.get(b.subjectId!)!;
      const blob = layers.artifactBlob(`${name}|${b.id}|${subject.digest}`, b.artifactType!);
      record = new ManifestRecord(
        {
          ...common(b),
          mediaType: MEDIA.ociManifest,
          artifactType: b.artifactType,
          configBlob: EMPTY_CONFIG,
          layers: [blob],
          subject: { digest: subject.digest, mediaType: subject.mediaType, bodySizeBytes: subject.bodySizeBytes },
          sizeBytes: EMPTY_CONFIG.sizeBytes + blob.sizeBytes,
        },
        cacheBodies,
      );
    }
    records.set(id, record);
  }
  const tags: SimTag[] = [...state.tags.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((t) => {
      const createdAt = new Date(t.createdMs);
      return {
        name: t.name,
        digest: records.get(t.targetId)!.digest,
        createdAt,
        lastUpdatedAt: t.updatedMs === t.createdMs ? createdAt : new Date(t.updatedMs),
        deleteEnabled: t.deleteEnabled,
        writeEnabled: t.writeEnabled,
        listEnabled: true,
        readEnabled: true,
      };
    });
  return {
    name,
    createdAt: new Date(state.createdMs),
    lastUpdatedAt: new Date(state.lastUpdatedMs),
    manifests: ids.map((id) => records.get(id)!),
    tags,
    ...input.locks,
  };
}
