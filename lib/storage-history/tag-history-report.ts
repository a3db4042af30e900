import { iterateTagHistory, tagHistoryFilterSchema } from "@/lib/storage-history/server/list-tag-history";
import { defineReport } from "../reports/define-report";

export const tagHistoryReport = defineReport({
  name: "tag-history",
  teamScoped: true,
  description: "The digest trail: which digest each tag pointed to from seen_from until seen_to (empty: still does)",
  columns: ["registry", "repository", "tag", "digest", "seen_from", "seen_to"],
  options: tagHistoryFilterSchema,
  optionDescriptions: {
    registry: "only this registry (by name)",
    repository: "only this repository (exact name)",
    tag: "only this tag (exact name)",
    asOf: "only rows in effect at some moment of this UTC day, YYYY-MM-DD: what the tag pointed to that day",
  },
  async *rows(filter, access) {
    for await (const r of iterateTagHistory(filter, access)) {
      yield {
        registry: r.registry,
        repository: r.repository,
        tag: r.tag,
        digest: r.digest,
        seen_from: r.seenFrom,
        seen_to: r.seenTo,
      };
    }
  },
});
