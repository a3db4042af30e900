import { Count } from "@/components/ui/count";

/** What a cleanup plan does to a scope's manifests and tags (registry, team or repository rows). */
export type PlanCounts = { manifestsDeleted: number; tagsDeleted: number; tagsUntagged: number; tagsKept: number };

/** The plan's four count columns, headers: the same order in every cleanup table. */
export function PlanCountHeaders() {
  return (
    <>
      <th scope="col" className="right">
        Manifests deleted
      </th>
      <th scope="col" className="right">
        Tags deleted
      </th>
      <th scope="col" className="right">
        Tags untagged
      </th>
      <th scope="col" className="right">
        Tags kept
      </th>
    </>
  );
}

/** The plan's four count columns of one row. */
export function PlanCountCells({ counts, manifestsTestId }: { counts: PlanCounts; manifestsTestId?: string }) {
  return (
    <>
      <td className="right">
        <Count value={counts.manifestsDeleted} testId={manifestsTestId} />
      </td>
      <td className="right">
        <Count value={counts.tagsDeleted} />
      </td>
      <td className="right">
        <Count value={counts.tagsUntagged} />
      </td>
      <td className="right">
        <Count value={counts.tagsKept} />
      </td>
    </>
  );
}
