import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/database";
import { getLatestAuditEventId, listAuditEvents } from "./list-audit-events";

const testDb = useTestDatabase();

async function event(at: string, actor: string, action = "stale-policy.save") {
  return testDb.db.auditEvent.create({
    data: {
      at: new Date(at),
      actor,
      actorSubject: `oid-${actor.toLowerCase()}`,
      roles: ["Ledger.Platform"],
      via: "easyauth",
      mode: "easyauth",
      action,
      target: "stale policy",
      summary: `by ${actor}`,
    },
  });
}

describe("listAuditEvents", () => {
  it("pages newest first, keeps UTC days whole at both ends, and matches the actor's name or subject", async () => {
    await event("2026-10-31T23:59:59.999Z", "Ann");
    await event("2026-11-01T00:00:00.000Z", "Bob");
    await event("2026-11-15T12:00:00.000Z", "Ann", "sync.request");
    await event("2026-11-30T23:59:59.999Z", "Cid");
    await event("2026-12-01T00:00:00.000Z", "Ann");
    const summaries = (page: { rows: { summary: string }[] }) => page.rows.map((r) => r.summary);

    const first = await listAuditEvents({ pageSize: "2" });
    expect([first.total, first.pageCount, summaries(first)]).toEqual([5, 3, ["by Ann", "by Cid"]]);
    expect((await listAuditEvents({ pageSize: "2", page: "3" })).rows.map((r) => r.at)).toEqual([
      "2026-10-31T23:59:59.999Z",
    ]);
    const november = await listAuditEvents({ from: "2026-11-01", to: "2026-11-30" });
    expect(summaries(november)).toEqual(["by Cid", "by Ann", "by Bob"]);
    expect((await listAuditEvents({ actor: "ANN", action: "stale-policy.save" })).total).toBe(2);
    expect((await listAuditEvents({ actor: "oid-bob" })).total).toBe(1);
  });

  it("reads only the events up to the id it was pinned at", async () => {
    await event("2026-11-01T00:00:00.000Z", "Ann");
    const pinned = await getLatestAuditEventId();
    await event("2026-11-02T00:00:00.000Z", "Bob");
    expect((await listAuditEvents({}, { atMostId: pinned })).rows.map((r) => r.actor)).toEqual(["Ann"]);
  });
});
