import { parseBoundedImageReference } from "./bounded-reference";
import type { ImageReference } from "./image-reference";
import { InUseInputError } from "./input-error";

const YAML_HINT = " (this looks like YAML: upload `kubectl get pods -A -o json`, or one image reference a line)";
const looksLikeYaml = (line: string) => /^(apiVersion|kind|items|metadata):(\s|$)/.test(line);

/** One image reference per line; blank lines and `#` comments (whole-line or trailing) are ignored. */
export function readImageList(text: string): ImageReference[] {
  const references: ImageReference[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const content = line.replace(/(^|\s)#.*$/, "").trim();
    if (content === "") continue;
    const parsed = parseBoundedImageReference(content);
    if (!parsed.ok)
      throw new InUseInputError(`line ${index + 1}: ${parsed.error}${looksLikeYaml(content) ? YAML_HINT : ""}`);
    references.push(parsed.reference);
  }
  return references;
}
