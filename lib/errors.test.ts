import { describe, expect, it } from "vitest";
import { describeIssue, invalidField, isConnectionFailure, isLedgerError, issuesOf, LedgerError } from "./errors";

describe("isConnectionFailure", () => {
  it("recognises network errors and PostgreSQL's connection, authentication and shutdown classes", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "08006", "28P01", "3D000", "57P01"]) {
      expect(isConnectionFailure(Object.assign(new Error("x"), { code })), code).toBe(true);
    }
  });

  it("leaves other errors as bugs to report", () => {
    for (const error of [
      new Error("x"),
      Object.assign(new Error("x"), { code: "23505" }),
      new LedgerError("internal", "x"),
      null,
      "text",
    ]) {
      expect(isConnectionFailure(error)).toBe(false);
    }
  });
});

describe("validation issues", () => {
  it("a LedgerError carries the issues it is given and keeps its message", () => {
    const issues = [{ path: "teams.2.name", message: "is declared twice" }];
    const error = new LedgerError("validation", "Invalid:\n  teams[2].name: is declared twice", { issues });
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe("Invalid:\n  teams[2].name: is declared twice");
    expect(issuesOf(error)).toEqual(issues);
  });

  it("an error without issues is one issue about the whole input, its message", () => {
    const error = new LedgerError("validation", "the file is empty");
    expect(error.issues).toBeUndefined();
    expect(issuesOf(error)).toEqual([{ path: "", message: "the file is empty" }]);
  });

  it("invalidField names the field in the message and as the issue's path", () => {
    const error = invalidField("allowEmpty", "expected true or false");
    expect(isLedgerError(error, "validation")).toBe(true);
    expect(error.message).toBe("allowEmpty: expected true or false");
    expect(error.issues).toEqual([{ path: "allowEmpty", message: "expected true or false" }]);
    expect(invalidField("", "must not contain a NUL character").message).toBe(
      "input: must not contain a NUL character",
    );
  });

  it("describeIssue writes an issue as a line, the whole input by the name given", () => {
    expect(describeIssue({ path: "keepLatest", message: "must be a whole number" }, "(policy)")).toBe(
      "keepLatest: must be a whole number",
    );
    expect(describeIssue({ path: "", message: "is not valid JSON" }, "(policy)")).toBe("(policy): is not valid JSON");
  });
});
