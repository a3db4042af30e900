/**
 * Test support: every report of the catalog, in every format it offers, rendered with its default
 * options from the database at `url`, as the CLI and the route would write them.
 */
import { closeDb } from "../db";
import { setEnvVar } from "../env";
import { listReports } from "../reports/catalog";

export async function renderAllReports(url: string): Promise<Map<string, string>> {
  await closeDb();
  setEnvVar("DATABASE_URL", url);
  const rendered = new Map<string, string>();
  try {
    for (const report of listReports()) {
      for (const format of report.formats) {
        const output = await report.render(format === "csv" ? {} : { format }, { kind: "all" });
        let text = "";
        for await (const chunk of output.chunks) text += chunk;
        rendered.set(`${report.name}.${output.extension}`, text);
      }
    }
  } finally {
    await closeDb();
  }
  return rendered;
}
