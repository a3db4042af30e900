/**
 * The images a cluster runs, read from `kubectl get pods -A -o json`: each container's image
 * (what a restart pulls) and the digest its runtime reports in the matching container status
 * (what runs now). Both matter to a cleanup: the running digest must survive, and so must what
 * the tag points to.
 */
import { z } from "zod";
import { parseBoundedImageReference } from "./bounded-reference";
import type { ImageReference } from "./image-reference";
import { InUseInputError } from "./input-error";
import { describeValue, uploadError } from "./issues";

export type ContainerImage = {
  namespace: string | null;
  pod: string;
  container: string;
  /** The container's image as written in the pod spec. */
  image: ImageReference;
  /** The reference with the digest the runtime reports (status imageID); null while pulling. */
  running: ImageReference | null;
};

const container = z.object({
  name: z.string({ error: notA("string") }),
  image: z.string({ error: notA("string") }),
});
const containerStatus = z.object({
  name: z.string({ error: notA("string") }),
  imageID: z.string({ error: notA("string") }).optional(),
});
const containers = z.array(container, { error: notA("array") });
const statuses = z.array(containerStatus, { error: notA("array") }).optional();

const pod = z.object(
  {
    kind: z
      .literal("Pod", {
        error: (issue) => `${describeValue(issue.input)}, expected Pod (use kubectl get pods -A -o json)`,
      })
      .optional(),
    metadata: z.object(
      { name: z.string({ error: notA("string") }), namespace: z.string({ error: notA("string") }).optional() },
      { error: notA("object") },
    ),
    spec: z.object(
      { containers, initContainers: containers.optional(), ephemeralContainers: containers.optional() },
      { error: notA("object") },
    ),
    status: z
      .object(
        { containerStatuses: statuses, initContainerStatuses: statuses, ephemeralContainerStatuses: statuses },
        { error: notA("object") },
      )
      .optional(),
  },
  { error: notA("object") },
);

const podList = z.object({ items: z.array(pod, { error: notA("array") }) });

type Pod = z.infer<typeof pod>;

function notA(type: string) {
  const article = /^[aeiou]/.test(type) ? "an" : "a";
  return (issue: { input: unknown }) => (issue.input === undefined ? "missing" : `not ${article} ${type}`);
}

/** Checks the document's shape first, so a Pod or a Deployment list gets a message about what it is. */
function assertPodList(document: unknown): void {
  const expected = "expected the JSON of `kubectl get pods -A -o json` (a List with items[])";
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new InUseInputError(`${expected}, got ${Array.isArray(document) ? "an array" : typeof document}`);
  }
  const kind = (document as { kind?: unknown }).kind;
  if (kind === "Pod") throw new InUseInputError(`got a single Pod; ${expected}`);
  if (kind !== undefined && kind !== "List" && kind !== "PodList") {
    throw new InUseInputError(`kind: ${describeValue(kind)}; ${expected}`);
  }
}

/** The imageID forms: `docker-pullable://repo@sha256:…` (Docker), `repo@sha256:…` (containerd, CRI-O). */
function parseImageId(imageId: string | undefined): ImageReference | null {
  if (!imageId) return null;
  const withoutScheme = imageId.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  // A bare `sha256:…` (or `docker://sha256:…`) is the local image id (the config digest), not a manifest digest.
  if (!withoutScheme.includes("@")) return null;
  const parsed = parseBoundedImageReference(withoutScheme);
  return parsed.ok && parsed.reference.digest !== null ? { ...parsed.reference, tag: null } : null;
}

type Kind = {
  specs: "containers" | "initContainers" | "ephemeralContainers";
  statuses: "containerStatuses" | "initContainerStatuses" | "ephemeralContainerStatuses";
};
const KINDS: Kind[] = [
  { specs: "containers", statuses: "containerStatuses" },
  { specs: "initContainers", statuses: "initContainerStatuses" },
  { specs: "ephemeralContainers", statuses: "ephemeralContainerStatuses" },
];

function* podImages(p: Pod, index: number): Generator<ContainerImage> {
  for (const kind of KINDS) {
    const imageIdByName = new Map((p.status?.[kind.statuses] ?? []).map((s) => [s.name, s.imageID]));
    for (const [i, c] of (p.spec[kind.specs] ?? []).entries()) {
      const parsed = parseBoundedImageReference(c.image);
      if (!parsed.ok) {
        const issues = [{ path: `items.${index}.spec.${kind.specs}.${i}.image`, message: parsed.error }];
        throw new InUseInputError(`items[${index}].spec.${kind.specs}[${i}].image: ${parsed.error}`, { issues });
      }
      yield {
        namespace: p.metadata.namespace ?? null,
        pod: p.metadata.name,
        container: c.name,
        image: parsed.reference,
        running: parseImageId(imageIdByName.get(c.name)),
      };
    }
  }
}

/** Every container image of every pod in the document; throws InUseInputError naming the bad field. */
export function readPodList(document: unknown): ContainerImage[] {
  assertPodList(document);
  const result = podList.safeParse(document);
  if (!result.success) throw uploadError(result.error.issues);
  return result.data.items.flatMap((p, index) => [...podImages(p, index)]);
}
