/**
 * Reads an upload of in-use images, `kubectl get pods -A -o json` or a plain list of image
 * references, into distinct references with their counts. Pure: no I/O, errors are
 * InUseInputError with a message naming the line or the JSON field that was wrong.
 */
import type { ImageReference } from "./image-reference";
import { readImageList } from "./image-list";
import { InUseInputError } from "./input-error";
import { readPodList, type ContainerImage } from "./kubernetes";

export type InUseSourceKind = "kubernetes" | "list";
export type InUseFormat = "json" | "text";

/**
 * `reference`: the digest was written in the image reference (it pins what is pulled);
 * `status`: the runtime reported it running, the reference itself names a tag.
 */
export type DigestSource = "reference" | "status";

export type InUseReference = ImageReference & {
  digestSource: DigestSource | null;
  namespace: string | null;
  pod: string | null;
  container: string | null;
  /** How many times this exact reference occurred (list lines repeat; pod fields make pods distinct). */
  count: number;
};

export type ParsedInUse = {
  sourceKind: InUseSourceKind;
  references: InUseReference[];
  /** Containers (kubernetes) or non-comment lines (list) read. */
  imageCount: number;
};

type Row = Omit<InUseReference, "count">;

const sameRepository = (a: ImageReference, b: ImageReference) =>
  a.loginServer === b.loginServer && a.repository === b.repository;

function digestSource(ref: ImageReference): DigestSource | null {
  return ref.digest === null ? null : "reference";
}

/** One row for the spec's reference (with the running digest when the reference has none), one more when the runtime's differs. */
function containerRows(c: ContainerImage): Row[] {
  const where = { namespace: c.namespace, pod: c.pod, container: c.container };
  const { image, running } = c;
  if (running === null) return [{ ...image, digestSource: digestSource(image), ...where }];
  if (image.digest === null && sameRepository(image, running)) {
    return [{ ...image, digest: running.digest, digestSource: "status", ...where }];
  }
  const rows: Row[] = [{ ...image, digestSource: digestSource(image), ...where }];
  if (!sameRepository(image, running) || image.digest !== running.digest) {
    rows.push({ ...running, tag: null, digestSource: "status", ...where });
  }
  return rows;
}

function countDistinct(rows: Row[]): InUseReference[] {
  const byKey = new Map<string, InUseReference>();
  for (const row of rows) {
    const key = JSON.stringify([
      row.loginServer,
      row.repository,
      row.tag,
      row.digest,
      row.digestSource,
      row.namespace,
      row.pod,
      row.container,
    ]);
    const existing = byKey.get(key);
    if (existing) existing.count += 1;
    else byKey.set(key, { ...row, count: 1 });
  }
  return [...byKey.values()];
}

function sniffFormat(body: string): InUseFormat {
  return /^\s*[{[]/.test(body) ? "json" : "text";
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new InUseInputError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `format` comes from the upload's content type; without one, a body starting with `{` or `[` is JSON. */
export function parseInUseImages(body: string, format: InUseFormat = sniffFormat(body)): ParsedInUse {
  if (format === "json") {
    const images = readPodList(parseJson(body));
    return {
      sourceKind: "kubernetes",
      references: countDistinct(images.flatMap(containerRows)),
      imageCount: images.length,
    };
  }
  const list = readImageList(body);
  const rows = list.map((ref) => ({
    ...ref,
    digestSource: digestSource(ref),
    namespace: null,
    pod: null,
    container: null,
  }));
  return { sourceKind: "list", references: countDistinct(rows), imageCount: list.length };
}
