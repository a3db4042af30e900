import { describe, expect, it } from "vitest";
import { planShare } from "./plan-share";

const item = (repository: string, action: string) => ({ repository, action });

describe("planShare", () => {
  it("keeps the part's items and owns the registry's deletes only when every delete is in it", () => {
    const items = [item("a", "delete"), item("a", "keep"), item("b", "keep")];
    expect(planShare(items, (i) => i.repository === "a")).toEqual({
      items: [item("a", "delete"), item("a", "keep")],
      ownsEveryDelete: true,
    });
    expect(planShare([...items, item("b", "delete")], (i) => i.repository === "a").ownsEveryDelete).toBe(false);
  });

  it("owns a registry without deletes, whatever its part holds", () => {
    expect(planShare([item("b", "keep")], (i) => i.repository === "a")).toEqual({ items: [], ownsEveryDelete: true });
  });
});
