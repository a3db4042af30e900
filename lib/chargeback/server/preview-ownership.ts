/**
 * The live preview of a draft config over the CURRENT inventory (registries still in Azure and
 * their repositories, attributed bytes as of the last sync). Contract:
 * previewOwnership(draft: unknown) parses the draft (LedgerError "validation" naming every bad
 * field → 422) and returns, for each rule in order, the repositories it WINS (first match) with
 * their attributed bytes and up to SAMPLE_SIZE sample names ("registry/repository", name order),
 * how many more repositories it matches that an earlier rule took (shadowed), the same for the
 * registry `team` tag fallback and for what stays unallocated, and the totals by team.
 * POST /api/chargeback/preview serves it as JSON.
 */
import "server-only";
import { listNamedTeams, parseChargebackConfig, UNALLOCATED } from "@/lib/chargeback/config";
import { matchingRules, ownerResolver } from "@/lib/chargeback/ownership";
import { bytesToNumber } from "../../views";
import { listCurrentRepositories } from "./list-current-repositories";

export const SAMPLE_SIZE = 5;

export type PreviewBucket = { repositoryCount: number; attributedBytes: number; samples: string[] };
export type RulePreview = PreviewBucket & { index: number; team: string; shadowedCount: number };
export type OwnershipPreview = {
  rules: RulePreview[];
  registryTag: PreviewBucket;
  unallocated: PreviewBucket;
  byTeam: { team: string; repositoryCount: number; attributedBytes: number }[];
  totalRepositories: number;
  totalAttributedBytes: number;
};

type Accumulator = { count: number; bytes: bigint; samples: string[] };
const empty = (): Accumulator => ({ count: 0, bytes: 0n, samples: [] });

function add(acc: Accumulator, label: string, bytes: bigint) {
  acc.count += 1;
  acc.bytes += bytes;
  if (acc.samples.length < SAMPLE_SIZE) acc.samples.push(label);
}

const toBucket = (acc: Accumulator): PreviewBucket => ({
  repositoryCount: acc.count,
  attributedBytes: bytesToNumber(acc.bytes),
  samples: acc.samples,
});

export async function previewOwnership(draft: unknown): Promise<OwnershipPreview> {
  const config = parseChargebackConfig(draft);
  const registries = await listCurrentRepositories();
  const owner = ownerResolver(config);
  const matches = matchingRules(config);
  const rules = config.rules.map(() => ({ ...empty(), shadowed: 0 }));
  const registryTag = empty();
  const unallocated = empty();
  const byTeam = new Map<string, { count: number; bytes: bigint }>();
  let total = 0;
  let totalBytes = 0n;
  for (const { registry: ownerRegistry, repositories } of registries) {
    for (const repository of repositories) {
      const label = `${ownerRegistry.name}/${repository.name}`;
      const bytes = repository.attributedBytes;
      const ownership = owner(ownerRegistry, repository.name);
      if (typeof ownership.rule === "number") add(rules[ownership.rule], label, bytes);
      else if (ownership.rule === "registry-tag") add(registryTag, label, bytes);
      else add(unallocated, label, bytes);
      for (const index of matches(ownerRegistry, repository.name))
        if (index !== ownership.rule) rules[index].shadowed += 1;
      const team = byTeam.get(ownership.team) ?? { count: 0, bytes: 0n };
      byTeam.set(ownership.team, { count: team.count + 1, bytes: team.bytes + bytes });
      total += 1;
      totalBytes += bytes;
    }
  }
  // Named teams first (declared, then named by rules and fee owners), then teams only a registry tag names.
  const named = listNamedTeams(config);
  const tagged = [...byTeam.keys()].filter((team) => team !== UNALLOCATED && !named.includes(team)).sort();
  const teamOrder = [...named, ...tagged, UNALLOCATED];
  return {
    rules: rules.map((acc, index) => ({
      index,
      team: config.rules[index].team,
      ...toBucket(acc),
      shadowedCount: acc.shadowed,
    })),
    registryTag: toBucket(registryTag),
    unallocated: toBucket(unallocated),
    byTeam: teamOrder.map((team) => ({
      team,
      repositoryCount: byTeam.get(team)?.count ?? 0,
      attributedBytes: bytesToNumber(byTeam.get(team)?.bytes ?? 0n),
    })),
    totalRepositories: total,
    totalAttributedBytes: bytesToNumber(totalBytes),
  };
}
