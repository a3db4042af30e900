import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { anyGlobMatcher, globProblem } from "./glob";

/** Repository names as ACR allows them: lowercase alphanumeric components joined by . _ - and /. */
const component = fc.stringMatching(/^[a-c0-9]{1,3}(?:[._-][a-c0-9]{1,2}){0,2}$/);
const repositoryName = fc.array(component, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("/"));

// Braces whose alternative can be empty ({,a}, {a,*}) are left out: after a middle ** picomatch lets
// such a segment vanish with its slash (a/**/{,b} matches a), which no one means and RE2 does not copy.
const PIECES = [
  "a",
  "b",
  "c",
  "1",
  "-",
  ".",
  "_",
  "*",
  "?",
  "[ab]",
  "[^a]",
  "[a-c]",
  "{a,b}",
  "{a-,b*}",
  "{a,{b,c}}",
  "\\.",
];
/** Within a segment no two stars touch: a run of stars is meaningful only as a whole ** segment. */
const segment = fc.oneof(
  fc.constant("**"),
  fc
    .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 })
    .map((pieces) => pieces.join("").replace(/\*+/g, "*")),
);
const glob = fc
  .tuple(fc.constantFrom("", "!", "./", "!./", "./!"), fc.array(segment, { minLength: 1, maxLength: 4 }))
  .map(([prefix, segments]) => prefix + segments.join("/"));

describe("globs on RE2", () => {
  it("match exactly what picomatch (dot: true) matches, for every valid repository name", () => {
    fc.assert(
      fc.property(glob, fc.array(repositoryName, { minLength: 1, maxLength: 10 }), (g, names) => {
        expect(globProblem(g)).toBeUndefined();
        const ours = anyGlobMatcher([g]);
        const theirs = picomatch(g, { dot: true });
        for (const name of names) expect(ours(name), `${g} on ${name}`).toBe(theirs(name));
      }),
      { numRuns: 1_500 },
    );
  }, 30_000);

  it("either compile or are refused with a reason naming them, for any string, and then match any name quickly", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (g, name) => {
        const problem = globProblem(g);
        if (problem !== undefined) {
          expect(problem.startsWith(JSON.stringify(g.length > 80 ? `${g.slice(0, 80)}…` : g))).toBe(true);
          expect(() => anyGlobMatcher([g])).toThrow(problem);
          return;
        }
        const started = performance.now();
        anyGlobMatcher([g])(name);
        expect(performance.now() - started).toBeLessThan(1_000);
      }),
      { numRuns: 2_000 },
    );
  }, 30_000);
});
