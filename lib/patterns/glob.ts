/**
 * Repository-name globs a user wrote (ownership rules, policy overrides, the replication what-if),
 * compiled here only into RE2 programs (re2js), so matching is linear in the name whatever the
 * glob (a backtracking RegExp, picomatch's included, takes time polynomial in the name for
 * `*?*?*?…!`, of a degree that grows with the wildcards). The syntax and meaning are picomatch's
 * with `dot: true` for every valid repository name (a property test holds the two together):
 *   `*` any characters within a path segment, `**` as a whole segment any number of segments
 *   (`team/**` matches team and everything under it), `?` one character other than `/`,
 *   `[a-c]` / `[^a-c]` a character class (never `/`), `{a,b}` alternatives (nestable),
 *   `\x` the character x, a leading `!` negates the glob.
 * Bounded: at most MAX_GLOB_LENGTH characters and MAX_GLOB_WILDCARDS wildcards (`*` runs, `?`,
 * classes). What picomatch read in a way nobody means, or that a repository name can never
 * match, is refused with the reason: extglobs and regex groups `(…)`, `[!…]` (picomatch's is not
 * a negation), POSIX classes, brace ranges, `**` inside a segment, `/` inside braces or classes,
 * an empty segment, an unclosed `{` or `[`.
 */
import { LRUCache } from "lru-cache";
import { RE2JS } from "re2js";
import { LedgerError } from "@/lib/errors";

export const MAX_GLOB_LENGTH = 256;
export const MAX_GLOB_WILDCARDS = 32;

type Token =
  | { kind: "literal"; text: string }
  | { kind: "stars"; count: number }
  | { kind: "one" }
  | { kind: "class"; regex: string }
  | { kind: "brace"; alternatives: Token[][] }
  | { kind: "slash" };

class GlobSyntaxError extends Error {}

/** ASCII letters and digits as they are, punctuation escaped, anything else by code point. */
function literal(char: string): string {
  if (/^[A-Za-z0-9]$/.test(char)) return char;
  if (/^[!-/:-@[-`{-~]$/.test(char)) return `\\${char}`;
  return `\\x{${char.codePointAt(0)?.toString(16)}}`;
}

class Parser {
  private position = 0;
  wildcards = 0;
  constructor(private readonly chars: string[]) {}

  /** Tokens up to the end, or inside braces up to (not including) the next "," or "}". */
  sequence(inBrace: boolean): Token[] {
    const tokens: Token[] = [];
    while (this.position < this.chars.length) {
      const char = this.chars[this.position];
      if (inBrace && (char === "," || char === "}")) return tokens;
      this.position++;
      if (char === "\\") {
        const next = this.chars[this.position++];
        if (next === undefined) throw new GlobSyntaxError("ends with a lone \\");
        tokens.push({ kind: "literal", text: literal(next) });
      } else if (char === "*") {
        let count = 1;
        while (this.chars[this.position] === "*") {
          count++;
          this.position++;
        }
        this.wildcards++;
        tokens.push({ kind: "stars", count });
      } else if (char === "?") {
        this.wildcards++;
        tokens.push({ kind: "one" });
      } else if (char === "(" || char === ")" || char === "|") {
        throw new GlobSyntaxError(`uses "${char}": groups and extglobs such as @(a|b) are not supported; write {a,b}`);
      } else if (char === "/") {
        if (inBrace) throw new GlobSyntaxError('has a "/" inside {…}: write one glob per alternative path');
        tokens.push({ kind: "slash" });
      } else if (char === "[") {
        tokens.push(this.characterClass());
      } else if (char === "{") {
        tokens.push(this.brace());
      } else if (char === "}") {
        throw new GlobSyntaxError('has a "}" without its "{"');
      } else {
        tokens.push({ kind: "literal", text: literal(char) });
      }
    }
    if (inBrace) throw new GlobSyntaxError('has an unclosed "{"');
    return tokens;
  }

  private characterClass(): Token {
    const start = this.position;
    if (this.chars[start] === "!")
      throw new GlobSyntaxError('uses "[!…]", which picomatch does not read as a negation: write [^…]');
    if (this.chars[start] === "[" && this.chars[start + 1] === ":")
      throw new GlobSyntaxError("uses a POSIX class such as [[:alpha:]]: write the characters, e.g. [a-z]");
    const negated = this.chars[start] === "^";
    let body = "";
    for (this.position = negated ? start + 1 : start; this.position < this.chars.length; this.position++) {
      const char = this.chars[this.position];
      if (char === "]" && body !== "") {
        this.position++;
        this.wildcards++;
        return { kind: "class", regex: `[${negated ? "^/" : ""}${body}]` };
      }
      if (char === "/") throw new GlobSyntaxError('has a "/" inside […]: a class matches one character of a segment');
      if (char === "\\") {
        const next = this.chars[++this.position];
        if (next === undefined) throw new GlobSyntaxError("ends with a lone \\");
        body += literal(next);
      } else {
        body += char === "-" ? "-" : literal(char);
      }
    }
    throw new GlobSyntaxError('has an unclosed "["');
  }

  private brace(): Token {
    const alternatives: Token[][] = [this.sequence(true)];
    while (this.chars[this.position] === ",") {
      this.position++;
      alternatives.push(this.sequence(true));
    }
    this.position++; // the "}" sequence() stopped at (it throws at the end instead)
    if (alternatives.length < 2) {
      const ranged = alternatives[0].some((t) => t.kind === "literal" && t.text === "\\.");
      throw new GlobSyntaxError(
        ranged
          ? "uses a brace range such as {1..3}: list the values, e.g. {1,2,3}"
          : "has {…} with one alternative: write {a,b} or drop the braces",
      );
    }
    return { kind: "brace", alternatives };
  }
}

function hasStarRun(token: Token): boolean {
  if (token.kind === "stars") return token.count > 1;
  return token.kind === "brace" && token.alternatives.some((alternative) => alternative.some(hasStarRun));
}

function emit(tokens: readonly Token[]): string {
  return tokens
    .map((t) => {
      if (t.kind === "literal") return t.text;
      if (t.kind === "stars") return "[^/]*";
      if (t.kind === "one") return "[^/]";
      if (t.kind === "class") return t.regex;
      if (t.kind === "brace") return `(?:${t.alternatives.map(emit).join("|")})`;
      return "/";
    })
    .join("");
}

// Exactly two stars as a whole segment cross slashes; consecutive ones are one. Elsewhere picomatch's
// reading of a run of stars depends on what surrounds it (braces expanded first), so it is refused.
function toRegex(tokens: readonly Token[]): string {
  const segments: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "slash") segments.push([]);
    else segments[segments.length - 1].push(token);
  }
  if (segments.some((segment) => segment.length === 0))
    throw new GlobSyntaxError(
      "has an empty path segment (a leading, trailing or double /), which no repository name has",
    );
  const isGlobstar = (segment: Token[] | undefined) =>
    segment?.length === 1 && segment[0].kind === "stars" && segment[0].count === 2;
  const stray = segments.some((segment) => !isGlobstar(segment) && segment.some(hasStarRun));
  if (stray)
    throw new GlobSyntaxError(
      "has ** inside a path segment: ** spans segments only as a whole one (team/**, **/api, a/**/b); write * within a segment",
    );
  const collapsed = segments.filter((segment, i) => !(isGlobstar(segment) && isGlobstar(segments[i - 1])));
  const last = collapsed.length - 1;
  return collapsed
    .map((segment, i) => {
      if (isGlobstar(segment)) {
        if (last === 0) return ".*";
        if (i === 0) return "(?:.*/)?";
        // picomatch: team/** also matches team itself, but */** and a*/** need something under the slash.
        if (i === last) return collapsed[i - 1].at(-1)?.kind === "stars" ? "/.*" : "(?:/.*)?";
        return "/(?:.*/)?";
      }
      return (i === 0 || isGlobstar(collapsed[i - 1]) ? "" : "/") + emit(segment);
    })
    .join("");
}

type CompiledGlob = { program: RE2JS; negated: boolean };

const compiled = new LRUCache<string, CompiledGlob>({ max: 1_000 });

function tryCompile(glob: string): CompiledGlob | string {
  const cached = compiled.get(glob);
  if (cached !== undefined) return cached;
  const quoted = JSON.stringify(glob.length > 80 ? `${glob.slice(0, 80)}…` : glob);
  if (glob.trim() === "") return `${quoted} is empty: write ** for every repository`;
  if (glob.length > MAX_GLOB_LENGTH) return `${quoted} is longer than ${MAX_GLOB_LENGTH} characters`;
  let body = glob;
  let negated = false;
  // picomatch drops leading ./ (names are relative to the registry either way), before or after a !.
  for (;;) {
    if (body.startsWith("!")) {
      body = body.slice(1);
      negated = !negated;
    } else if (body.startsWith("./")) body = body.slice(2);
    else break;
  }
  try {
    const parser = new Parser([...body]);
    const tokens = parser.sequence(false);
    if (parser.wildcards > MAX_GLOB_WILDCARDS)
      return `${quoted} has ${parser.wildcards} wildcards; at most ${MAX_GLOB_WILDCARDS} are allowed`;
    const result = { program: RE2JS.compile(toRegex(tokens), RE2JS.DOTALL), negated };
    compiled.set(glob, result);
    return result;
  } catch (error) {
    return `${quoted} ${error instanceof GlobSyntaxError ? error.message : `is not a valid glob: ${(error as Error).message}`}`;
  }
}

/** Why a glob is refused (one line naming it), or undefined when it compiles. */
export function globProblem(glob: string): string | undefined {
  const result = tryCompile(glob);
  return typeof result === "string" ? result : undefined;
}

/** True when the whole name matches any of the globs; no glob matches nothing. */
export function anyGlobMatcher(globs: readonly string[]): (name: string) => boolean {
  const programs = globs.map((glob) => {
    const result = tryCompile(glob);
    if (typeof result === "string") throw new LedgerError("validation", `Invalid glob: ${result}`);
    return result;
  });
  return (name) => programs.some(({ program, negated }) => program.testExact(name) !== negated);
}
