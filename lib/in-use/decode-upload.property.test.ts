/** Any bytes are an upload's text (UTF-8, or UTF-16 with its BOM) or a validation error; never another error. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { decodeUpload } from "./decode-upload";

describe("decodeUpload (property)", () => {
  it("decodes any bytes or refuses them as a validation error", () => {
    const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
    fc.assert(
      fc.property(bom, fc.uint8Array({ maxLength: 64 }), (prefix, rest) => {
        try {
          expect(typeof decodeUpload(new Uint8Array([...prefix, ...rest]))).toBe("string");
        } catch (error) {
          expect(isLedgerError(error, "validation"), String(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("reads any text back from UTF-8 and from UTF-16 with a BOM", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        expect(decodeUpload(new TextEncoder().encode(text))).toBe(text.startsWith("\uFEFF") ? text.slice(1) : text);
        expect(decodeUpload(new Uint8Array(Buffer.from(`\uFEFF${text}`, "utf16le")))).toBe(text);
      }),
    );
  });
});
