import { describe, expect, it } from "vitest";
import { describeQueueError } from "./boss";

describe("describeQueueError", () => {
  it("gives an Error's message", () => {
    expect(describeQueueError(new Error("timeout exceeded when trying to connect"))).toBe(
      "timeout exceeded when trying to connect",
    );
  });

  it("names the queue of a worker's failure, which pg-boss emits as a plain copy of the error", () => {
    const copy = {
      ...new Error("x"),
      message: "connection terminated",
      stack: "…",
      queue: "sync-registry",
      worker: "w1",
    };
    expect(describeQueueError(copy)).toBe("sync-registry: connection terminated");
  });

  it("describes anything else as text", () => {
    expect(describeQueueError({ message: "lost" })).toBe("lost");
    expect(describeQueueError("plain")).toBe("plain");
  });
});
