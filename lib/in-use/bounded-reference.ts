import { parseImageReference, type ParsedImageReference } from "./image-reference";

/**
 * The grammar's longest reference is about 530 characters (a 255-character name, a 128-character
 * tag, a sha512 digest). Longer text is refused before any pattern runs on it, and its message
 * quotes only its start, so one hostile line cannot slow the parser or flood the answer.
 */
export const MAX_REFERENCE_LENGTH = 1024;

export function parseBoundedImageReference(text: string): ParsedImageReference {
  if (text.length <= MAX_REFERENCE_LENGTH) return parseImageReference(text);
  return {
    ok: false,
    error: `${JSON.stringify(`${text.slice(0, 60)}…`)}: longer than ${MAX_REFERENCE_LENGTH} characters, which no image reference is`,
  };
}
