import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { describeLimit, readBodyBytes } from "./read-body";

/** A body that never ends on its own, counting the bytes the reader pulled. */
function endlessBody(chunkBytes: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyBytes", () => {
  it("reads a body up to and including the limit", async () => {
    expect(new TextDecoder().decode(await readBodyBytes(post("abcd"), 4))).toBe("abcd");
    expect(await readBodyBytes(new Request("http://localhost/x", { method: "POST" }), 4)).toEqual(new Uint8Array());
  });

  it("stops reading a body that never ends at the limit, and cancels it", async () => {
    const { stream, state } = endlessBody(64 * 1024);
    const attempt = readBodyBytes(post(stream), 1024 * 1024);
    await expect(attempt).rejects.toSatisfy((e) => isLedgerError(e, "too_large"));
    await expect(attempt).rejects.toThrow("request body exceeds 1 MiB");
    expect(state.cancelled).toBe(true);
    // What was read stays near the limit: the stream is not drained first.
    expect(state.pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses on a declared Content-Length past the limit, and counts a body that declares less", async () => {
    const declared = new Request("http://localhost/x", {
      method: "POST",
      body: "a",
      headers: { "content-length": "5000000" },
    });
    await expect(readBodyBytes(declared, 1024)).rejects.toThrow("request body exceeds 1024 bytes");
    await expect(readBodyBytes(post("a".repeat(1025), { "content-length": "3" }), 1024)).rejects.toThrow(
      "request body exceeds 1024 bytes",
    );
  });

  it("names limits in MiB when whole", () => {
    expect(describeLimit(64 * 1024 * 1024)).toBe("64 MiB");
    expect(describeLimit(1000)).toBe("1000 bytes");
  });
});
