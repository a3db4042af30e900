// Data-plane bodies (api-version 2021-07-01), shaped like the official examples plus the
// fields recordings show but the swagger lacks (manifest `mediaType`, tag `signed`).
import type { SimLocks, SimManifest, SimRepository, SimTag } from "./estate";
import { acrTime } from "./clock";

function locks(l: SimLocks): SimLocks {
  return {
    deleteEnabled: l.deleteEnabled,
    writeEnabled: l.writeEnabled,
    readEnabled: l.readEnabled,
    listEnabled: l.listEnabled,
  };
}

export function repositoryJson(registry: string, repo: SimRepository): object {
  return {
    registry,
    imageName: repo.name,
    createdTime: acrTime(repo.createdAt),
    lastUpdateTime: acrTime(repo.lastUpdatedAt),
    manifestCount: repo.manifests.length,
    tagCount: repo.tags.length,
    changeableAttributes: { ...locks(repo), teleportEnabled: false },
  };
}

export function tagJson(t: SimTag): object {
  return {
    name: t.name,
    digest: t.digest,
    createdTime: acrTime(t.createdAt),
    lastUpdateTime: acrTime(t.lastUpdatedAt),
    signed: false,
    changeableAttributes: locks(t),
  };
}

export function manifestJson(m: SimManifest): object {
  return {
    digest: m.digest,
    imageSize: m.sizeBytes,
    createdTime: acrTime(m.createdAt),
    lastUpdateTime: acrTime(m.lastUpdatedAt),
    ...(m.architecture ? { architecture: m.architecture, os: m.os } : {}),
    mediaType: m.mediaType,
    ...(m.configBlob ? { configMediaType: m.configBlob.mediaType } : {}),
    ...(m.tags.length > 0 ? { tags: m.tags } : {}),
    changeableAttributes: { ...locks(m), quarantineState: "Passed" },
    ...(m.children
      ? { references: m.children.map((c) => ({ digest: c.digest, architecture: c.architecture, os: c.os })) }
      : {}),
  };
}

export function acrError(code: string, message: string, detail?: object): object {
  return { errors: [{ code, message, ...(detail ? { detail } : {}) }] };
}
