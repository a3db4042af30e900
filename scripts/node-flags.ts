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

/**
 * The sync's processes add --heap-growing-percent=50: a full collection once the old generation
 * has grown to 1.5 times what the last one left alive, where V8 lets it grow up to four times.
 * Node 22's V8 keeps the pages of a heap that shrank (its RSS stays at the heap's high-water
 * mark), so the sync's RSS is the largest heap it ever had: whole `large` estate in one worker,
 * 2,261 MB and 1,018 s with V8's defaults, 1,368 MB and 740 s with both flags (docs/performance.md).
 */
export const SYNC_NODE_FLAGS: readonly string[] = [...STREAMING_NODE_FLAGS, "--heap-growing-percent=50"];

/** Sets the flags in this process: V8 takes them at run time, before the reads begin. */
export function setNodeFlags(flags: readonly string[]): void {
  for (const flag of flags) setFlagsFromString(flag);
}
