/**
 * Node flags of the processes that read much in passing: the web server (`next start`, on its
 * command line, for npm start and the benches alike), and, set as they start, the report CLI
 * (scripts/report.ts) and the processes that sync (npm start's in-process worker, npm run worker,
 * npm run sync).
 *
 * --no-allocation-site-pretenuring: V8 allocates an allocation site's objects straight in the old
 * generation once most of them were found alive at a young collection. A report streamed in reads
 * of rows trips that by chance (a collection during a read, while its rows are all alive), and from
 * then on every row of the file lands in the old generation as garbage that only a full collection
 * reclaims, which V8 runs once that generation is about four times its live size: the web process
 * peaked 400 MB over its baseline serving a 595k-row CSV, and more with a larger live heap. Without
 * it a read's rows die young and the peak stays flat (docs/performance.md). A sync's batches of
 * listings, manifest bodies and rows are the same kind of garbage: a worker syncing `large`'s
 * largest subscription peaked at 1,285 MB with the flag against 1,566–1,667 MB without.
 */
import { setFlagsFromString } from "node:v8";

export const STREAMING_NODE_FLAGS: readonly string[] = ["--no-allocation-site-pretenuring"];

/** Sets STREAMING_NODE_FLAGS in this process: V8 takes them at run time, before the reads begin. */
export function setStreamingNodeFlags(): void {
  for (const flag of STREAMING_NODE_FLAGS) setFlagsFromString(flag);
}
