import { describe, expect, it } from "vitest";
import { auditCsvHref, auditHref } from "./audit-urls";

describe("audit URLs", () => {
  it("gives the page and its CSV the same filters, the page its page number past the first", () => {
    const filter = { actor: "fiona", from: "2026-11-01" };
    expect(auditHref(filter)).toBe("/audit?actor=fiona&from=2026-11-01");
    expect(auditHref(filter, 3)).toBe("/audit?actor=fiona&from=2026-11-01&page=3");
    expect(auditHref({})).toBe("/audit");
    expect(auditCsvHref(filter)).toBe("/api/reports/audit.csv?actor=fiona&from=2026-11-01");
    expect(auditCsvHref({})).toBe("/api/reports/audit.csv");
  });
});
