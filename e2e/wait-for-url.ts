/**
 * Waits until a URL answers (another webServer's health): the sign-in project's server starts only
 * once the main one has built the web app, so two `npm start`s never build it at once.
 */
import { setTimeout as sleep } from "node:timers/promises";

const url = process.argv[2];
const deadline = Date.now() + 600_000;
while (Date.now() < deadline) {
  const status = await fetch(url).then(
    (r) => r.status,
    () => 0,
  );
  if (status > 0 && status < 500) process.exit(0);
  await sleep(1000);
}
process.stderr.write(`${url} did not answer within 10 minutes\n`);
process.exit(1);
