/**
 * Node flags of the processes that stream reports: the web server (`next start`, on its command
 * line, for npm start and the benches alike) and the report CLI (set as it starts, scripts/report.ts).
 *
 * --no-allocation-site-pretenuring: V8 allocates an allocation site's objects straight in the old
 * generation once most of them were found alive at a young collection. A report streamed in reads
 * of rows trips that by chance (a collection during a read, while its rows are all alive), and from
 * then on every row of the file lands in the old generation as garbage that only a full collection
 * reclaims, which V8 runs once that generation is about four times its live size: the web process
 * peaked 400 MB over its baseline serving a 595k-row CSV, and more with a larger live heap. Without
 * it a read's rows die young and the peak stays flat (docs/performance.md).
 */
export const STREAMING_NODE_FLAGS: readonly string[] = ["--no-allocation-site-pretenuring"];
