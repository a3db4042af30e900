/** How the benches time a read: once (its first view), or its median over warm runs. */

/** Milliseconds, rounded. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return Math.round(performance.now() - started);
}

/** The median of `runs` timings (an odd number, so one of them). */
export async function medianOf(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(run));
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}
