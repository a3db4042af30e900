import { describe, expect, it } from "vitest";
import { documentFromDraft, draftFromDocument, fieldErrorsFromMessages, move, patchAt, removeAt } from "./config-draft";

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
    expect(documentFromDraft(draft).rules[0]).toEqual({ registryTag: "team=payments", repository: "payments/**", team: "payments" });
  });

  it("turns junk into empty fields instead of throwing", () => {
    const draft = draftFromDocument({ teams: "no", rules: [null, { team: 3 }], fixedFees: [] });
    expect(draft.teams).toEqual([]);
    expect(draft.rules.map((r) => r.team)).toEqual(["", "3"]);
    expect(draft.feeDefault).toBe("proportional");
  });

  it("changes or removes one row of a list, leaving the others and the original list as they were", () => {
    const rows = [{ id: 1, name: "a" }, { id: 2, name: "b" }];
    expect(patchAt(rows, 1, { name: "c" })).toEqual([{ id: 1, name: "a" }, { id: 2, name: "c" }]);
    expect(removeAt(rows, 0)).toEqual([{ id: 2, name: "b" }]);
    expect(rows).toEqual([{ id: 1, name: "a" }, { id: 2, name: "b" }]);
  });

  it("moves a rule up and down and ignores moves past the ends", () => {
    expect(move(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
});

describe("field errors", () => {
  it("maps both path spellings to one key and keeps pathless messages under ''", () => {
    const errors = fieldErrorsFromMessages(["rules[1].team: unknown team \"x\"", "rules.1.repository: bad glob", "teams[0].name: duplicate", "(config): is not valid JSON"]);
    expect(errors).toEqual({
      "rules.1.team": ['unknown team "x"'],
      "rules.1.repository": ["bad glob"],
      "teams.0.name": ["duplicate"],
      "": ["(config): is not valid JSON"],
    });
  });
});
