/**
 * Regular expressions a user wrote (the stale policy's keepPatterns), compiled and matched here
 * only, on RE2 (re2js): matching time is linear in the text whatever the pattern, so no pattern
 * can hold the event loop the way a backtracking JavaScript RegExp can (`(.*.*…)!` on a 30-char tag).
 * A pattern is searched in the text, unanchored and case-sensitive, as RegExp.prototype.test and
 * `acr purge --filter` do: write ^ and $ to anchor.
 * Ordinary JavaScript patterns mean the same in RE2. What RE2 cannot run (backreferences,
 * lookaround) and the escapes RE2 reads otherwise than JavaScript does are refused, naming the
 * construct, so a policy never silently changes meaning.
 */
import { LRUCache } from "lru-cache";
import { RE2JS } from "re2js";
import { LedgerError } from "@/lib/errors";

/** Longer than any sensible tag pattern; bounds compilation (RE2's program grows with the source). */
export const MAX_REGEX_LENGTH = 256;

/** JavaScript (without the u flag) reads these escapes as the bare letter; RE2 gives them a meaning. */
const ESCAPES_RE2_READS_OTHERWISE: Record<string, string> = {
  a: "the bell character",
  A: "the start of the text",
  z: "the end of the text",
  p: "a Unicode class",
  P: "a negated Unicode class",
  Q: "the start of a quoted literal",
  E: "the end of a quoted literal",
};

const LOOKAROUND: [string, string][] = [
  ["(?=", "a lookahead"],
  ["(?!", "a negative lookahead"],
  ["(?<=", "a lookbehind"],
  ["(?<!", "a negative lookbehind"],
];

/** The first construct RE2 cannot run or would read otherwise, described for a person; undefined when none. */
function unsupportedConstruct(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      if (!inClass && /[1-9]/.test(next)) return `the backreference "\\${next}"`;
      if (!inClass && next === "k" && source[i + 2] === "<") return 'the named backreference "\\k<…>"';
      if (next === "u") return `the escape "\\u" (write \\x{hex} instead)`;
      if (Object.hasOwn(ESCAPES_RE2_READS_OTHERWISE, next)) {
        return `the escape "\\${next}" (${ESCAPES_RE2_READS_OTHERWISE[next]} in RE2, the letter ${next} in JavaScript; write ${next} for the letter)`;
      }
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
    } else {
      const found = LOOKAROUND.find(([syntax]) => source.startsWith(syntax, i));
      if (found) return `${found[1]} "${found[0]}"`;
    }
  }
  return undefined;
}

/** Compiled programs by source: the plan asks for the same few patterns once per repository. */
const compiled = new LRUCache<string, RE2JS>({ max: 1_000 });

/** The compiled program, or why the pattern is refused: one line naming the construct, then the pattern. */
function tryCompile(source: string): RE2JS | string {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  const quoted = JSON.stringify(source.length > 80 ? `${source.slice(0, 80)}…` : source);
  if (source.length > MAX_REGEX_LENGTH) return `is longer than ${MAX_REGEX_LENGTH} characters: ${quoted}`;
  const construct = unsupportedConstruct(source);
  if (construct !== undefined)
    return `uses ${construct}, which RE2 (the linear-time engine patterns run on) does not support: ${quoted}`;
  try {
    const program = RE2JS.compile(source);
    compiled.set(source, program);
    return program;
  } catch (error) {
    return `is not a valid regular expression: ${quoted} (RE2: ${(error as Error).message.replace(/^error parsing regexp: /, "")})`;
  }
}

/** Why a pattern is refused, or undefined when it compiles: validation and matching share tryCompile, so what validates runs. */
export function regexProblem(source: string): string | undefined {
  const result = tryCompile(source);
  return typeof result === "string" ? result : undefined;
}

/** True when any of the patterns is found in the text (unanchored search); no pattern matches nothing. */
export function anyRegexMatcher(sources: readonly string[]): (text: string) => boolean {
  const programs = sources.map((source) => {
    const result = tryCompile(source);
    if (typeof result === "string") throw new LedgerError("validation", `Invalid regular expression: it ${result}`);
    return result;
  });
  return (text) => programs.some((program) => program.test(text));
}
