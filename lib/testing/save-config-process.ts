/**
 * Test support: saves the chargeback config given as the first argument, as a process of its own,
 * so a test can SIGKILL it in the middle of the save's transaction.
 */
import { closeDb } from "../db";
import { saveChargebackConfig } from "../chargeback/server/config-store";
import { TEST_ACTOR } from "./actors";

await saveChargebackConfig(process.argv[2] ?? "", TEST_ACTOR);
await closeDb();
