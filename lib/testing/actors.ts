/** Actors for tests that change something outside a route (the audit log names one per change). */
import type { Actor } from "../audit/actor";

export const TEST_ACTOR: Actor = {
  name: "test user",
  subject: "test-subject",
  roles: ["Ledger.Admin"],
  via: "local",
  mode: "none",
};
