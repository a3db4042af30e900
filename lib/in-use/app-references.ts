/**
 * The images Azure apps run (Container Apps, App Service, Functions), as in-use references: one
 * row per app resource, container and image, counted when a resource repeats it. References that
 * do not parse are reported, never stored, so one odd setting cannot hide the app's other images.
 */
import { parseImageReference, type ImageReference } from "./image-reference";
import type { DigestSource } from "./parse";

export type AppImage = { resourceId: string; container: string | null; image: string };

export type AppReference = ImageReference & {
  digestSource: DigestSource | null;
  container: string | null;
  resourceId: string;
  count: number;
};

export function appImageReferences(images: readonly AppImage[]): { references: AppReference[]; problems: string[] } {
  const byKey = new Map<string, AppReference>();
  const problems: string[] = [];
  for (const { resourceId, container, image } of images) {
    const parsed = parseImageReference(image);
    if (!parsed.ok) {
      problems.push(`${resourceId}${container ? ` (${container})` : ""}: ${parsed.error}`);
      continue;
    }
    const ref = parsed.reference;
    const key = JSON.stringify([resourceId, container, ref.loginServer, ref.repository, ref.tag, ref.digest]);
    const existing = byKey.get(key);
    if (existing) existing.count += 1;
    else
      byKey.set(key, {
        ...ref,
        digestSource: ref.digest === null ? null : "reference",
        container,
        resourceId,
        count: 1,
      });
  }
  return { references: [...byKey.values()], problems };
}
