import { describe, expect, it } from "vitest";
import {
  documentFromDraft,
  draftFromDocument,
  feeErrorKey,
  move,
  patchAt,
  placeIssues,
  removeAt,
} from "./config-draft";

const ISSUE_DOCUMENT = {
  teams: [{ name: "payments", costCenter: "CC-200" }],
  rules: [
    { registry: "*", repository: "payments/**", team: "payments" },
    { registryTag: "team=platform", repository: "**", team: "platform" },
  ],
  fixedFees: { default: "proportional", byRegistry: { contosoprod: "owner:platform" } },
};

describe("config draft", () => {
  it("round-trips the issue's document exactly", () => {
    expect(documentFromDraft(draftFromDocument(ISSUE_DOCUMENT))).toEqual(ISSUE_DOCUMENT);
  });

  it("keeps contacts as a list, trims typed values and leaves out an empty cost center and empty contacts", () => {
    const draft = draftFromDocument({ teams: [{ name: "ml", contacts: ["a@x.example", "b@x.example"] }], rules: [] });
    expect(draft.teams[0].contacts).toBe("a@x.example, b@x.example");
    draft.teams[0].contacts = " a@x.example ,, c@x.example ";
    draft.teams[0].costCenter = "  ";
    draft.teams[0].name = " ml ";
    expect(documentFromDraft(draft).teams).toEqual([{ name: "ml", contacts: ["a@x.example", "c@x.example"] }]);
    draft.teams[0].contacts = "";
    expect(documentFromDraft(draft).teams).toEqual([{ name: "ml" }]);
  });

  it("switching a rule to a registry tag writes registryTag, not registry", () => {
    const draft = draftFromDocument(ISSUE_DOCUMENT);
    draft.rules[0].matchBy = "registryTag";
    draft.rules[0].registryTag = "team=payments";
    expect(documentFromDraft(draft).rules[0]).toEqual({
      registryTag: "team=payments",
      repository: "payments/**",
      team: "payments",
    });
  });

  it("turns junk into empty fields instead of throwing", () => {
    const draft = draftFromDocument({ teams: "no", rules: [null, { team: 3 }], fixedFees: [] });
    expect(draft.teams).toEqual([]);
    expect(draft.rules.map((r) => r.team)).toEqual(["", "3"]);
    expect(draft.feeDefault).toBe("proportional");
  });

  it("changes or removes one row of a list, leaving the others and the original list as they were", () => {
    const rows = [
      { id: 1, name: "a" },
      { id: 2, name: "b" },
    ];
    expect(patchAt(rows, 1, { name: "c" })).toEqual([
      { id: 1, name: "a" },
      { id: 2, name: "c" },
    ]);
    expect(removeAt(rows, 0)).toEqual([{ id: 2, name: "b" }]);
    expect(rows).toEqual([
      { id: 1, name: "a" },
      { id: 2, name: "b" },
    ]);
  });

  it("moves a rule up and down and ignores moves past the ends", () => {
    expect(move(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
});

describe("placing issues beside the fields", () => {
  const draft = draftFromDocument({
    teams: [{ name: "payments", contacts: ["a@x.example", ""] }],
    rules: [
      { registry: "*", repository: "a/**", team: "payments" },
      { registryTag: "team", repository: "[", team: "x" },
    ],
    fixedFees: { default: "split", byRegistry: { "contoso.prod": "even", " edge": "even" } },
  });

  it("puts each issue under the input for its path, and the ones no input answers for in the summary", () => {
    const placed = placeIssues(
      [
        { path: "rules.1.team", message: 'unknown team "x"' },
        { path: "rules.1.repository", message: "bad glob" },
        { path: "teams.0.name", message: "duplicate" },
        { path: "", message: "is not valid JSON" },
        { path: "teams", message: "must be a list of teams" },
        { path: "fixedFees.default", message: "must be a method" },
      ],
      draft,
    );
    expect(placed.byField).toEqual({
      "rules.1.team": ['unknown team "x"'],
      "rules.1.repository": ["bad glob"],
      "teams.0.name": ["duplicate"],
      "fixedFees.default": ["must be a method"],
    });
    expect(placed.unplaced).toEqual([
      { path: "", message: "is not valid JSON" },
      { path: "teams", message: "must be a list of teams" },
    ]);
  });

  it("places a row's own problems and its nested ones on the row's input", () => {
    const placed = placeIssues(
      [
        { path: "teams.0", message: "must be an object" },
        { path: "teams.0.colour", message: "unknown field" },
        { path: "teams.0.contacts.1", message: "must be a contact" },
        { path: "rules.1.registryTag", message: "must be key=value" },
        { path: "rules.0", message: "must be an object" },
      ],
      draft,
    );
    expect(placed.byField).toEqual({
      "teams.0.name": ["must be an object", "unknown field"],
      "teams.0.contacts": ["must be a contact"],
      "rules.1.registry": ["must be key=value"],
      "rules.0.registry": ["must be an object"],
    });
    expect(placed.unplaced).toEqual([]);
  });

  it("finds a registry's fee row by its name, dots and untrimmed keys included, and leaves rows the draft lacks to the summary", () => {
    const fees = draft.fees;
    expect(fees.map(feeErrorKey)).toEqual(["fixedFees.byRegistry.contoso.prod", "fixedFees.byRegistry.edge"]);
    const placed = placeIssues(
      [
        { path: "fixedFees.byRegistry.contoso.prod", message: "reserved" },
        { path: "fixedFees.byRegistry. edge", message: "names the same registry" },
        { path: "fixedFees.byRegistry.other", message: "reserved" },
        { path: "rules.7.team", message: "gone" },
      ],
      draft,
    );
    expect(placed.byField).toEqual({
      "fixedFees.byRegistry.contoso.prod": ["reserved"],
      "fixedFees.byRegistry.edge": ["names the same registry"],
    });
    expect(placed.unplaced.map((i) => i.path)).toEqual(["fixedFees.byRegistry.other", "rules.7.team"]);
  });
});
