"use client";

import Link from "next/link";
import { emptyTeam, errorsFor, patchAt, removeAt, type DraftTeam, type FieldErrors as Errors } from "./config-draft";
import { FieldErrors } from "./field-errors";
import { teamHref } from "./team-urls";

type Props = {
  teams: DraftTeam[];
  savedNames: readonly string[];
  errors: Errors;
  onChange: (teams: DraftTeam[]) => void;
};

/** The teams: name, cost center, contacts (comma-separated e-mail addresses or names). */
export function TeamsFields({ teams, savedNames, errors, onChange }: Props) {
  const update = (index: number, patch: Partial<DraftTeam>) => onChange(patchAt(teams, index, patch));
  return (
    <div className="stack">
      <table className="table compact" data-testid="teams-table">
        <caption className="sr-only">Teams</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Cost center</th>
            <th scope="col">Contacts</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team, i) => (
            <tr key={team.id} data-testid="team-row" data-index={i}>
              <td>
                <input
                  aria-label={`Team ${i + 1} name`}
                  value={team.name}
                  onChange={(e) => update(i, { name: e.target.value })}
                  data-testid="team-name"
                />
                <FieldErrors field={`teams.${i}.name`} messages={errorsFor(errors, `teams.${i}.name`)} />
                {savedNames.includes(team.name) ? (
                  <Link
                    className="small"
                    href={teamHref(team.name)}
                    data-testid="team-page-link"
                    style={{ marginLeft: 6 }}
                  >
                    page
                  </Link>
                ) : null}
              </td>
              <td>
                <input
                  aria-label={`Team ${i + 1} cost center`}
                  value={team.costCenter}
                  onChange={(e) => update(i, { costCenter: e.target.value })}
                  placeholder="CC-200"
                  data-testid="team-cost-center"
                />
                <FieldErrors field={`teams.${i}.costCenter`} messages={errorsFor(errors, `teams.${i}.costCenter`)} />
              </td>
              <td>
                <input
                  aria-label={`Team ${i + 1} contacts`}
                  value={team.contacts}
                  onChange={(e) => update(i, { contacts: e.target.value })}
                  placeholder="lead@contoso.example"
                  data-testid="team-contacts"
                  style={{ width: "100%" }}
                />
                <FieldErrors field={`teams.${i}.contacts`} messages={errorsFor(errors, `teams.${i}.contacts`)} />
              </td>
              <td className="right">
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => onChange(removeAt(teams, i))}
                  aria-label={`Remove team ${team.name}`}
                  data-testid="team-remove"
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <button
          type="button"
          className="button secondary"
          onClick={() => onChange([...teams, emptyTeam()])}
          data-testid="team-add"
        >
          Add team
        </button>
      </div>
    </div>
  );
}
