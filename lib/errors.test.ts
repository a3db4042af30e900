import { describe, expect, it } from "vitest";
import { isConnectionFailure, LedgerError } from "./errors";

describe("isConnectionFailure", () => {
  it("recognises network errors and PostgreSQL's connection, authentication and shutdown classes", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "08006", "28P01", "3D000", "57P01"]) {
      expect(isConnectionFailure(Object.assign(new Error("x"), { code })), code).toBe(true);
    }
  });

  it("leaves other errors as bugs to report", () => {
    for (const error of [new Error("x"), Object.assign(new Error("x"), { code: "23505" }), new LedgerError("internal", "x"), null, "text"]) {
      expect(isConnectionFailure(error)).toBe(false);
    }
  });
});
