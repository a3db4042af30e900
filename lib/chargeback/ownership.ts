/**
 * Who owns a repository. Contract:
 * - resolveOwner(registry, repositoryName, config) → { team, rule } where rule is the index
 *   (0-based) of the FIRST matching rule, "registry-tag" when no rule matched and the registry's
 *   `team` tag (key compared case-insensitively) names a team (declared or not: the tag is the
 *   fallback, as the issue says), else null with team UNALLOCATED ("unallocated").
 * - ownerResolver(config) compiles the globs once; use it for many repositories.
 * A rule matches when its registry is "*" or the registry's name (case-insensitive), or its
 * registryTag "key=value" is one of the registry's tags (key case-insensitive, value exact), and
 * its repository glob matches the whole repository name (lib/patterns/glob: `*` stays within a
 * path segment, `**` crosses slashes; matched on RE2, so linear in the name).
 */
import { anyGlobMatcher } from "@/lib/patterns/glob";
import { UNALLOCATED, type ChargebackConfig } from "./config";

export type OwnerRegistry = { name: string; tags: Record<string, string> };
export type Ownership = { team: string; rule: number | "registry-tag" | null };

type CompiledRule = {
  registryMatches: (registry: OwnerRegistry) => boolean;
  repository: (name: string) => boolean;
  team: string;
};

function tagValue(tags: Record<string, string>, key: string): string | undefined {
  const wanted = key.trim().toLowerCase();
  for (const [name, value] of Object.entries(tags)) if (name.trim().toLowerCase() === wanted) return value;
  return undefined;
}

function compileRegistryMatch(rule: ChargebackConfig["rules"][number]): (registry: OwnerRegistry) => boolean {
  if (rule.registryTag !== undefined) {
    const split = rule.registryTag.indexOf("=");
    const key = rule.registryTag.slice(0, split);
    const value = rule.registryTag.slice(split + 1).trim();
    return (registry) => tagValue(registry.tags, key) === value;
  }
  const name = (rule.registry ?? "*").toLowerCase();
  return name === "*" ? () => true : (registry) => registry.name.toLowerCase() === name;
}

export function ownerResolver(
  config: ChargebackConfig,
): (registry: OwnerRegistry, repositoryName: string) => Ownership {
  const rules: CompiledRule[] = config.rules.map((rule) => ({
    registryMatches: compileRegistryMatch(rule),
    repository: anyGlobMatcher([rule.repository]),
    team: rule.team,
  }));
  return (registry, repositoryName) => {
    for (let i = 0; i < rules.length; i++) {
      if (rules[i].registryMatches(registry) && rules[i].repository(repositoryName))
        return { team: rules[i].team, rule: i };
    }
    const tagged = tagValue(registry.tags, "team")?.trim();
    if (tagged !== undefined && tagged !== "" && tagged.toLowerCase() !== UNALLOCATED)
      return { team: tagged, rule: "registry-tag" };
    return { team: UNALLOCATED, rule: null };
  };
}

export function resolveOwner(registry: OwnerRegistry, repositoryName: string, config: ChargebackConfig): Ownership {
  return ownerResolver(config)(registry, repositoryName);
}

/** Every rule that matches (not only the first): the preview shows which rules an earlier one shadows. */
export function matchingRules(config: ChargebackConfig): (registry: OwnerRegistry, repositoryName: string) => number[] {
  const rules = config.rules.map((rule) => ({
    registryMatches: compileRegistryMatch(rule),
    repository: anyGlobMatcher([rule.repository]),
  }));
  return (registry, repositoryName) =>
    rules.flatMap((r, i) => (r.registryMatches(registry) && r.repository(repositoryName) ? [i] : []));
}

/** Registry tags as stored (a JSON object of strings); anything else reads as no tags. */
export function toRegistryTags(json: unknown): Record<string, string> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return {};
  return Object.fromEntries(
    Object.entries(json).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}
