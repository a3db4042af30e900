/**
 * The flags are V8's on the Node that runs us (setFlagsFromString only prints an unknown one and
 * goes on), and setting them at run time, as the sync's processes do, bounds a heap that keeps a
 * live set while garbage is promoted past it.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { STREAMING_NODE_FLAGS, SYNC_NODE_FLAGS } from "./node-flags";

const run = promisify(execFile);

/** A live set of 500k objects, then batches of 200k that live for a round each: the peak heap. */
const CHURN = `
const v8 = require("node:v8");
for (const flag of JSON.parse(process.argv[1])) v8.setFlagsFromString(flag);
const live = [];
for (let i = 0; i < 5e5; i++) live.push({ name: "live-" + i });
let peak = 0;
for (let round = 0; round < 30; round++) {
  const batch = [];
  for (let i = 0; i < 2e5; i++) batch.push({ name: "batch-" + i, at: [i] });
  peak = Math.max(peak, process.memoryUsage().heapTotal);
}
process.stdout.write(JSON.stringify({ peak, live: live.length })); // the live set kept to the end
`;

async function peakHeap(flags: readonly string[]): Promise<number> {
  const { stdout, stderr } = await run(process.execPath, ["-e", CHURN, JSON.stringify(flags)]);
  expect(stderr).toBe("");
  const { peak, live } = JSON.parse(stdout) as { peak: number; live: number };
  expect(live).toBe(5e5);
  return peak;
}

describe("node flags", () => {
  it("are flags this Node accepts on its command line", async () => {
    expect(SYNC_NODE_FLAGS).toEqual(expect.arrayContaining([...STREAMING_NODE_FLAGS]));
    const { stderr } = await run(process.execPath, [...SYNC_NODE_FLAGS, "-e", "0"]);
    expect(stderr).toBe("");
  });

  it("keep a churning heap smaller when set at run time", async () => {
    const plain = await peakHeap([]);
    const synced = await peakHeap(SYNC_NODE_FLAGS);
    expect(synced).toBeGreaterThan(0);
    expect(synced).toBeLessThan(plain * 0.8);
  }, 60_000);
});
