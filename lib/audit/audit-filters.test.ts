import { describe, expect, it } from "vitest";
import { auditFilterQuery, auditFilterSchema } from "./audit-filters";

describe("audit filters", () => {
  it("reads a URL's filters, empty fields meaning no filter", () => {
    expect(auditFilterSchema.parse({ actor: " fiona ", action: "billing.import", from: "2026-11-01", to: "" })).toEqual(
      {
        actor: "fiona",
        action: "billing.import",
        from: "2026-11-01",
      },
    );
    expect(auditFilterSchema.parse({ actor: "", action: "", from: "", to: "" })).toEqual({});
  });

  it("refuses an unknown action, a day that is not one, and a range that ends before it starts", () => {
    expect(auditFilterSchema.safeParse({ action: "drop-everything" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    const backwards = auditFilterSchema.safeParse({ from: "2026-11-02", to: "2026-11-01" });
    expect(backwards.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["to", "must not be before from"],
    ]);
  });

  it("writes the filters back in one order", () => {
    expect(auditFilterQuery({ to: "2026-11-30", actor: "a b", action: "sync.request" }).toString()).toBe(
      "actor=a+b&action=sync.request&to=2026-11-30",
    );
  });
});
