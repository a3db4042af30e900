import { describe, expect, it } from "vitest";
import { anyGlobMatcher, globProblem, MAX_GLOB_LENGTH, MAX_GLOB_WILDCARDS } from "./glob";

const matches = (glob: string, names: string[]) => names.filter(anyGlobMatcher([glob]));
const NAMES = [
  "team-a",
  "team-a/api",
  "team-a/api/worker",
  "team-b/api",
  "base/alpine",
  "base/x/y",
  "baseline",
  "app-global",
  "team/app-global",
  "a.b",
  "x/b",
];

describe("anyGlobMatcher", () => {
  it("matches * within one segment, ** across slashes (and the empty rest), ? one character", () => {
    expect(matches("team-a/**", NAMES)).toEqual(["team-a", "team-a/api", "team-a/api/worker"]);
    expect(matches("team-a/*", NAMES)).toEqual(["team-a/api"]);
    expect(matches("*-global", NAMES)).toEqual(["app-global"]);
    expect(matches("**/app-global", NAMES)).toEqual(["app-global", "team/app-global"]);
    expect(matches("**", NAMES)).toEqual(NAMES);
    expect(matches("base/**/y", NAMES)).toEqual(["base/x/y"]);
    expect(matches("?.b", NAMES)).toEqual(["a.b"]);
    expect(matches("team-?/api", NAMES)).toEqual(["team-a/api", "team-b/api"]);
  });

  it("reads classes (never /), braces and a leading ! as picomatch does", () => {
    expect(globProblem("base**")).toMatch(/\*\* inside a path segment/);
    expect(globProblem("{a,**}/x")).toMatch(/\*\* inside a path segment/);
    expect(matches("team-[ab]/api", NAMES)).toEqual(["team-a/api", "team-b/api"]);
    expect(matches("team-[^a]/api", NAMES)).toEqual(["team-b/api"]);
    expect(matches("x[^a]b", NAMES)).toEqual([]);
    expect(matches("{team-a,base}/**", NAMES)).toEqual([
      "team-a",
      "team-a/api",
      "team-a/api/worker",
      "base/alpine",
      "base/x/y",
    ]);
    expect(matches("!team-a/**", NAMES)).toEqual(NAMES.filter((n) => !n.startsWith("team-a")));
    expect(matches("a\\.b", NAMES)).toEqual(["a.b"]);
  });

  it("matches when any glob does; no glob matches nothing", () => {
    const isGlobal = anyGlobMatcher(["base/**", "*-global"]);
    expect(NAMES.filter(isGlobal)).toEqual(["base/alpine", "base/x/y", "app-global"]);
    expect(anyGlobMatcher([])("anything")).toBe(false);
  });

  it("matches the backtracking glob *?*?…! against a long name at once", () => {
    const glob = `${"*?".repeat(MAX_GLOB_WILDCARDS / 2)}!`;
    const started = performance.now();
    expect(anyGlobMatcher([glob])("a".repeat(200))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("globProblem", () => {
  it("accepts ordinary globs", () => {
    for (const glob of ["team-a/**", "**", "*", "a/*/b", "{a,b}/**", "[a-c]*", "!x/**"])
      expect(globProblem(glob)).toBeUndefined();
  });

  it("refuses what is over the limits, naming the glob and the limit", () => {
    expect(globProblem("a".repeat(MAX_GLOB_LENGTH + 1))).toMatch(`is longer than ${MAX_GLOB_LENGTH} characters`);
    expect(globProblem("*?".repeat(17))).toBe(
      `"${"*?".repeat(17)}" has 34 wildcards; at most ${MAX_GLOB_WILDCARDS} are allowed`,
    );
  });

  it("refuses syntax picomatch read in a way nobody means, saying what to write", () => {
    expect(globProblem("@(a|b)")).toMatch(/^"@\(a\|b\)" uses "\(": groups and extglobs .* write \{a,b\}$/);
    expect(globProblem("!(a)")).toMatch(/extglobs/);
    expect(globProblem("[!a]")).toMatch(/write \[\^…\]/);
    expect(globProblem("[[:alpha:]]")).toMatch(/POSIX class/);
    expect(globProblem("{1..3}")).toMatch(/brace range/);
    expect(globProblem("{a}")).toMatch(/one alternative/);
    expect(globProblem("{a,b/c}")).toMatch(/"\/" inside \{…\}/);
    expect(globProblem("team-{a")).toMatch(/unclosed "\{"/);
    expect(globProblem("team-[a")).toMatch(/unclosed "\["/);
    expect(globProblem("a}")).toMatch(/without its "\{"/);
    expect(globProblem("a\\")).toMatch(/lone \\/);
    expect(globProblem("[z-a]")).toMatch(/^"\[z-a\]" is not a valid glob: .*invalid character class range/);
  });
});
