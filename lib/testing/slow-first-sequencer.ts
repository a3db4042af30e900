/**
 * Test files in vitest's order, except that the integration files that take longest start first.
 * With no results cached (a fresh clone, as CI runs) vitest starts the largest files first, and
 * size says little about time here: a short crash-matrix file spends minutes killing and restarting
 * syncs. Started last, such a file runs alone at the end while the other worker idles.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Slowest first, by their time in a fresh-clone CI run (integration files two at a time). */
const SLOW_FILES = [
  "lib/sync/crash-matrix-late.integration.test.ts",
  "lib/sync/crash-matrix.integration.test.ts",
  "lib/alerts/server/alerts-webhook.integration.test.ts",
  "lib/verify/verify.integration.test.ts",
  "lib/jobs/left-run.integration.test.ts",
  "lib/sync/fault-matrix.integration.test.ts",
  "lib/sync/read-budget.integration.test.ts",
  "lib/jobs/two-workers.integration.test.ts",
  "lib/verify/verify-cli.integration.test.ts",
  "lib/jobs/sync-cli.integration.test.ts",
];

export class SlowFirstSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOW_FILES.findIndex((path) => spec.moduleId.endsWith(path));
      return index === -1 ? SLOW_FILES.length : index;
    };
    // Stable: files of other projects, and the rest, keep vitest's order.
    return sorted
      .map((spec, position) => ({ spec, position }))
      .sort((a, b) =>
        a.spec.project.name !== b.spec.project.name
          ? a.position - b.position
          : rank(a.spec) - rank(b.spec) || a.position - b.position,
      )
      .map(({ spec }) => spec);
  }
}
