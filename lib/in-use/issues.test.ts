import { describe, expect, it } from "vitest";
import { InUseInputError } from "./input-error";
import { parseInUseImages } from "./parse";

function refusal(body: string): InUseInputError {
  try {
    parseInUseImages(body);
  } catch (error) {
    if (error instanceof InUseInputError) return error;
    throw error;
  }
  throw new Error("expected the upload to be refused");
}

const pod = (containers: unknown) => ({ kind: "Pod", metadata: { namespace: "x", name: "p" }, spec: { containers } });

describe("in-use upload issues", () => {
  it("carries every bad field of a pod list as an issue, the message naming the first five", () => {
    const items = Array.from({ length: 7 }, (_, i) => pod([{ name: "c", image: i }]));
    const error = refusal(JSON.stringify({ kind: "List", items }));
    expect(error.issues).toHaveLength(7);
    expect(error.issues?.[3]).toEqual({ path: "items.3.spec.containers.0.image", message: "not a string" });
    expect(error.message).toMatch(/^items\[0\]\.spec\.containers\[0\]\.image: not a string; .*; and 2 more$/);
  });

  it("names a container's bad image reference by its path", () => {
    const error = refusal(
      JSON.stringify({
        kind: "List",
        items: [
          pod([{ name: "c", image: "nginx" }]),
          pod([
            { name: "c", image: "nginx" },
            { name: "d", image: "Bad/Name" },
          ]),
        ],
      }),
    );
    expect(error.message).toMatch(/^items\[1\]\.spec\.containers\[1\]\.image: /);
    expect(error.issues).toEqual([
      {
        path: "items.1.spec.containers.1.image",
        message: error.message.replace(/^items\[1\]\.spec\.containers\[1\]\.image: /, ""),
      },
    ]);
  });

  it("an upload refused as a whole carries no issues of its own", () => {
    expect(refusal("{ not json").issues).toBeUndefined();
  });
});
