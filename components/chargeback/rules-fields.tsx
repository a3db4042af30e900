"use client";

import { Bytes } from "@/components/ui/bytes";
import {
  emptyRule,
  errorsFor,
  move,
  patchAt,
  removeAt,
  type DraftRule,
  type FieldErrors as Errors,
  type MatchBy,
} from "./config-draft";
import { FieldErrors } from "./field-errors";
import type { PreviewBucket, RulePreview } from "@/lib/chargeback/server/preview-ownership";

type Props = {
  rules: DraftRule[];
  teamNames: readonly string[];
  registries: readonly string[];
  errors: Errors;
  /** Per rule, what it matches in the inventory now; undefined while the first preview loads. */
  matches: readonly RulePreview[] | undefined;
  onChange: (rules: DraftRule[]) => void;
};

function fieldErrors(errors: Errors, i: number, field: string): string[] {
  return errorsFor(errors, `rules.${i}.${field}`);
}

/** The ordered ownership rules: the first rule that matches a repository owns it. */
export function RulesFields({ rules, teamNames, registries, errors, matches, onChange }: Props) {
  const update = (index: number, patch: Partial<DraftRule>) => onChange(patchAt(rules, index, patch));
  return (
    <div className="stack">
      <datalist id="rule-registries">
        <option value="*" />
        {registries.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <datalist id="rule-teams">
        {teamNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="table-scroll">
        <table className="table compact" data-testid="rules-table">
          <caption className="sr-only">Ownership rules, first match wins</caption>
          <thead>
            <tr>
              <th scope="col" className="right">
                #
              </th>
              <th scope="col">Registry</th>
              <th scope="col" title="** matches across slashes, * within one segment">
                Repository glob
              </th>
              <th scope="col">Team</th>
              <th scope="col" className="right">
                Matches now
              </th>
              <th scope="col">
                <span className="sr-only">Move or remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule, i) => {
              const match = matches?.[i];
              return (
                <tr key={rule.id} data-testid="rule-row" data-index={i}>
                  <td className="right num">{i + 1}</td>
                  <td>
                    <select
                      aria-label={`Rule ${i + 1} matches by`}
                      value={rule.matchBy}
                      onChange={(e) => update(i, { matchBy: e.target.value as MatchBy })}
                      data-testid="rule-match-by"
                      style={{ minWidth: 0 }}
                    >
                      <option value="registry">name or *</option>
                      <option value="registryTag">registry tag</option>
                    </select>{" "}
                    {rule.matchBy === "registry" ? (
                      <input
                        aria-label={`Rule ${i + 1} registry`}
                        list="rule-registries"
                        value={rule.registry}
                        onChange={(e) => update(i, { registry: e.target.value })}
                        data-testid="rule-registry"
                        style={{ minWidth: 0 }}
                        size={16}
                      />
                    ) : (
                      <input
                        aria-label={`Rule ${i + 1} registry tag`}
                        value={rule.registryTag}
                        onChange={(e) => update(i, { registryTag: e.target.value })}
                        placeholder="team=platform"
                        data-testid="rule-registry-tag"
                        style={{ minWidth: 0 }}
                        size={16}
                      />
                    )}
                    <FieldErrors field={`rules.${i}.registry`} messages={fieldErrors(errors, i, "registry")} />
                  </td>
                  <td>
                    <input
                      aria-label={`Rule ${i + 1} repository glob`}
                      value={rule.repository}
                      onChange={(e) => update(i, { repository: e.target.value })}
                      placeholder="payments/**"
                      data-testid="rule-repository"
                      style={{ minWidth: 0 }}
                      size={18}
                    />
                    <FieldErrors field={`rules.${i}.repository`} messages={fieldErrors(errors, i, "repository")} />
                  </td>
                  <td>
                    <input
                      aria-label={`Rule ${i + 1} team`}
                      list="rule-teams"
                      value={rule.team}
                      onChange={(e) => update(i, { team: e.target.value })}
                      data-testid="rule-team"
                      style={{ minWidth: 0 }}
                      size={12}
                    />
                    <FieldErrors field={`rules.${i}.team`} messages={fieldErrors(errors, i, "team")} />
                  </td>
                  <td className="right" data-testid="rule-preview" data-count={match?.repositoryCount ?? ""}>
                    {match ? <MatchSummary match={match} /> : <span className="muted">…</span>}
                    {match && match.shadowedCount > 0 ? (
                      <span
                        className="muted small"
                        data-testid="rule-shadowed"
                        style={{ display: "block" }}
                        title="Repositories this rule matches that an earlier rule owns"
                      >
                        + {match.shadowedCount} taken by earlier rules
                      </span>
                    ) : null}
                  </td>
                  <td className="right" style={{ whiteSpace: "nowrap" }}>
                    <button
                      type="button"
                      className="button secondary"
                      disabled={i === 0}
                      onClick={() => onChange(move(rules, i, -1))}
                      aria-label={`Move rule ${i + 1} up`}
                      data-testid="rule-up"
                    >
                      ↑
                    </button>{" "}
                    <button
                      type="button"
                      className="button secondary"
                      disabled={i === rules.length - 1}
                      onClick={() => onChange(move(rules, i, 1))}
                      aria-label={`Move rule ${i + 1} down`}
                      data-testid="rule-down"
                    >
                      ↓
                    </button>{" "}
                    <button
                      type="button"
                      className="button secondary"
                      onClick={() => onChange(removeAt(rules, i))}
                      aria-label={`Remove rule ${i + 1}`}
                      data-testid="rule-remove"
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div>
        <button
          type="button"
          className="button secondary"
          onClick={() => onChange([...rules, emptyRule(teamNames[0] ?? "")])}
          data-testid="rule-add"
        >
          Add rule
        </button>
      </div>
    </div>
  );
}

/** "12 repositories · 3.4 GiB", the first sample names in the tooltip and below. */
export function MatchSummary({ match }: { match: PreviewBucket }) {
  return (
    <span title={match.samples.join("\n")}>
      <span className="num" data-testid="preview-count" data-value={match.repositoryCount}>
        {match.repositoryCount}
      </span>{" "}
      {match.repositoryCount === 1 ? "repository" : "repositories"} · <Bytes value={match.attributedBytes} />
      {match.samples.length > 0 ? (
        <span
          className="muted small"
          data-testid="preview-samples"
          style={{
            display: "block",
            maxWidth: 280,
            overflow: "hidden",
            textOverflow: "ellipsis",
            whiteSpace: "nowrap",
          }}
        >
          {match.samples.slice(0, 3).join(", ")}
          {match.repositoryCount > 3 ? ", …" : ""}
        </span>
      ) : null}
    </span>
  );
}
