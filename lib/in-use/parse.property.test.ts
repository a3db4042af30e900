/**
 * Property tests of the in-use upload parsers (kubectl JSON, image lists, cluster names): any
 * input is either parsed, with counts that add up, or refused with an InUseInputError naming
 * where; never another error, which a route would answer with a 500.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { imageListText, inUseBody, podListDocument, validReference } from "@/lib/testing/import-arbitraries";
import { parseClusterName } from "./cluster-name";
import { formatImageReference, parseImageReference } from "./image-reference";
import { readImageList } from "./image-list";
import { InUseInputError } from "./input-error";
import { parseInUseImages, type ParsedInUse } from "./parse";

/** The parsed upload, or null when refused as bad input; any other throw fails the property. */
function parseOrRefuse(parse: () => ParsedInUse): ParsedInUse | null {
  try {
    return parse();
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(InUseInputError);
    expect((error as Error).message.length).toBeLessThan(2_000);
    return null;
  }
}

const occurrences = (parsed: ParsedInUse) => parsed.references.reduce((sum, r) => sum + r.count, 0);

describe("in-use upload parsers (property)", () => {
  it("reads any upload in any format, or refuses it with an InUseInputError", () => {
    fc.assert(
      fc.property(inUseBody, fc.constantFrom("json" as const, "text" as const, undefined), (body, format) => {
        const parsed = parseOrRefuse(() => parseInUseImages(body, format));
        if (parsed === null) return;
        // A list line is one reference; a container is one or two (its spec's and the one running).
        if (parsed.sourceKind === "list") expect(occurrences(parsed)).toBe(parsed.imageCount);
        else expect(occurrences(parsed)).toBeGreaterThanOrEqual(parsed.imageCount);
      }),
      { numRuns: 300 },
    );
  });

  it("reads pod lists with any value in any field only as pods or an error naming the field", () => {
    fc.assert(
      fc.property(podListDocument, (document) => {
        const parsed = parseOrRefuse(() => parseInUseImages(JSON.stringify(document), "json"));
        if (parsed !== null) expect(occurrences(parsed)).toBeLessThanOrEqual(2 * parsed.imageCount);
      }),
      { numRuns: 300 },
    );
  });

  it("reads a list of valid references line for line, each one canonical after a round trip", () => {
    fc.assert(
      fc.property(fc.array(validReference, { maxLength: 10 }), (lines) => {
        const read = readImageList(lines.join("\n"));
        expect(read).toHaveLength(lines.length);
        for (const ref of read)
          expect(parseImageReference(formatImageReference(ref))).toEqual({ ok: true, reference: ref });
      }),
    );
  });

  it("names the line of the first bad reference in a list", () => {
    fc.assert(
      fc.property(imageListText, (text) => {
        try {
          readImageList(text);
        } catch (error) {
          expect(error).toBeInstanceOf(InUseInputError);
          expect((error as Error).message).toMatch(/^line \d+: /);
        }
      }),
    );
  });

  it("takes any cluster name as a trimmed name or refuses it with an InUseInputError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 210 }), fc.jsonValue({ maxDepth: 1 })), (value) => {
        try {
          const name = parseClusterName(value);
          expect(name).toBe(name.trim());
          expect(name.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(InUseInputError);
        }
      }),
    );
  });

  it("refuses deeply nested JSON and an endless line by name, without overflowing the stack or the message", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(() => parseInUseImages(`{"kind":${deep}}`, "json")).toThrow(
      "kind: an array; expected the JSON of `kubectl get pods -A -o json`",
    );
    expect(() => parseInUseImages(`{"items":[{"kind":${deep}}]}`, "json")).toThrow(
      /^items\[0\]\.kind: an array, expected Pod/,
    );
    const endless = `main.azurecr.io/${"a".repeat(5_000_000)}`;
    expect(() => parseInUseImages(endless, "text")).toThrow(
      /^line 1: "main\.azurecr\.io\/a+…": longer than 1024 characters/,
    );
    expect(() => parseInUseImages(endless, "text")).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^.{0,200}$/) }),
    );
  });
});
