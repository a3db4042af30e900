import { describe, expect, it } from "vitest";
import { createMemoryBudget } from "./memory-budget";

/** A job that runs until released, recording when it started. */
function heldJob(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    work: async () => {
      started.push(name);
      await done;
      return name;
    },
    release,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("a worker's memory budget", () => {
  it("runs jobs side by side while their repositories fit, and starts the next one when one ends", async () => {
    const budget = createMemoryBudget(1000);
    const started: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((name) => heldJob(started, name));
    const runs = [budget.run(500, a.work), budget.run(450, b.work), budget.run(500, c.work)];
    await settle();
    expect(started).toEqual(["a", "b"]);
    expect(budget.inUse()).toBe(950);
    a.release();
    await settle();
    expect(started).toEqual(["a", "b", "c"]);
    expect(budget.inUse()).toBe(950);
    b.release();
    c.release();
    expect(await Promise.all(runs)).toEqual(["a", "b", "c"]);
    expect(budget.inUse()).toBe(0);
  });

  it("runs a job larger than the budget alone, once the running ones have ended", async () => {
    const budget = createMemoryBudget(1000);
    const started: string[] = [];
    const [small, large, after] = ["small", "large", "after"].map((name) => heldJob(started, name));
    const runs = [budget.run(200, small.work), budget.run(1800, large.work), budget.run(100, after.work)];
    await settle();
    // First come, first served: the small job behind the large one waits too.
    expect(started).toEqual(["small"]);
    small.release();
    await settle();
    expect(started).toEqual(["small", "large"]);
    expect(budget.inUse()).toBe(1000);
    large.release();
    await settle();
    expect(started).toEqual(["small", "large", "after"]);
    after.release();
    await Promise.all(runs);
    expect(budget.inUse()).toBe(0);
  });

  it("gives back a failed job's repositories, and counts a job of none as one", async () => {
    const budget = createMemoryBudget(2);
    await expect(
      budget.run(2, async () => {
        throw new Error("read failed");
      }),
    ).rejects.toThrow("read failed");
    expect(budget.inUse()).toBe(0);
    const started: string[] = [];
    const [x, y, z] = ["x", "y", "z"].map((name) => heldJob(started, name));
    const runs = [budget.run(0, x.work), budget.run(0, y.work), budget.run(0, z.work)];
    await settle();
    expect(started).toEqual(["x", "y"]);
    x.release();
    y.release();
    z.release();
    await Promise.all(runs);
    expect(started).toEqual(["x", "y", "z"]);
  });
});
