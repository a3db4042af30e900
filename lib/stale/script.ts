/**
 * The cleanup plan as a reviewable bash script of `az acr` commands. The product never
 * runs it: people review it and a pipeline does. Deletes go by digest, never by tag (a tag may
 * have moved since the plan was made; a digest cannot), in the plan's order (referrers before
 * their subject, indexes before their children). `set -euo pipefail` stops at the first failure.
 * Keep rows yield no command; they are counted in the header so the reviewer knows they exist.
 */
import { formatBytes } from "@/lib/format";
import type { PlanItem } from "./decide";
import { serializePolicy, type Policy } from "./policy";

export type PlanCounts = {
  repositories: number;
  manifestsDeleted: number;
  /** Tags that disappear with their deleted manifests. */
  tagsDeleted: number;
  tagsUntagged: number;
  keepRows: number;
};

export function countPlan(items: readonly PlanItem[]): PlanCounts {
  const counts: PlanCounts = { repositories: 0, manifestsDeleted: 0, tagsDeleted: 0, tagsUntagged: 0, keepRows: 0 };
  const repositories = new Set<string>();
  for (const item of items) {
    repositories.add(JSON.stringify([item.registry, item.repository]));
    if (item.action === "delete") {
      counts.manifestsDeleted += 1;
      counts.tagsDeleted += item.tags.length;
    } else if (item.action === "untag") counts.tagsUntagged += item.tags.length;
    else counts.keepRows += 1;
  }
  counts.repositories = repositories.size;
  return counts;
}

/** A word the shell reads back unchanged: bare when only safe characters, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) && !word.startsWith("-")) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Comments hold names and reasons from the inventory: a line break there would end the comment. */
// eslint-disable-next-line no-control-regex -- control characters are what must go
const commentText = (text: string) => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");

export type ScriptInput = {
  items: readonly PlanItem[];
  policy: Policy;
  asOf: Date;
  reclaimableBytes: bigint;
  counts: PlanCounts;
};

export function renderCleanupScript(input: ScriptInput): string {
  const { counts } = input;
  const lines = [
    "#!/usr/bin/env bash",
    "# Registry Ledger cleanup plan. Review it before running: nothing has been deleted yet.",
    `# As of: ${input.asOf.toISOString()}`,
    "# Policy:",
    ...serializePolicy(input.policy)
      .trimEnd()
      .split("\n")
      .map((line) => `#   ${commentText(line)}`),
    `# Counts: ${counts.repositories} repositories, ${counts.manifestsDeleted} manifests deleted (with ${counts.tagsDeleted} tags), ` +
      `${counts.tagsUntagged} tags untagged, ${counts.keepRows} protected candidates kept (no command)`,
    `# Expected bytes freed: ${input.reclaimableBytes} bytes (${formatBytes(Number(input.reclaimableBytes))})`,
    "set -euo pipefail",
    "",
  ];
  const commands = input.items.flatMap((item) => commandsFor(item));
  if (commands.length === 0) lines.push("# Nothing to delete or untag.");
  return `${[...lines, ...commands].join("\n")}\n`;
}

function commandsFor(item: PlanItem): string[] {
  const registry = shellQuote(item.registry);
  const note = `# ${commentText(`${item.repository}@${item.digest} [${item.tags.join(", ")}] ${item.reasonCode}: ${item.reason}`)}`;
  if (item.action === "delete") {
    return [
      note,
      `az acr repository delete --name ${registry} --image ${shellQuote(`${item.repository}@${item.digest}`)} --yes`,
    ];
  }
  if (item.action === "untag") {
    return [
      note,
      ...item.tags.map(
        (tag) => `az acr repository untag --name ${registry} --image ${shellQuote(`${item.repository}:${tag}`)}`,
      ),
    ];
  }
  return [];
}
