/**
 * Sign-in through the demo identity provider's login page (`npm start -- --demo-sign-in`, the
 * "sign-in" project): FinOps signs in, lands on the page it asked for and gives a team the team
 * lead's Entra group; the team lead then signs in and sees that team, not the registry-wide pages.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO_TEAM_GROUP_ID, DEMO_USERS } from "../lib/simulator/identity-provider/users";

const TEAM = "e2e-sign-in";
const JSON_TYPE = { "Content-Type": "application/json" };

/** On the identity provider's login page: what a person types there. */
async function signInAs(page: Page, username: string) {
  const user = DEMO_USERS.find((u) => u.username === username)!;
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("FinOps and a team lead sign in through the identity provider, each seeing what their role or team gives", async ({
  browser,
  baseURL,
}) => {
  const finops = await (await browser.newContext()).newPage();
  await finops.goto("/costs?view=sign-in");
  await signInAs(finops, "finops");
  await expect(finops).toHaveURL(`${baseURL}/costs?view=sign-in`);
  await expect(finops.getByRole("heading", { level: 1, name: "Costs" })).toBeVisible();
  await expect(finops.getByTestId("signed-in")).toContainText("Fiona FinOps");
  const teams = {
    teams: [{ name: TEAM, entraGroupIds: [DEMO_TEAM_GROUP_ID] }],
    rules: [{ registry: "*", repository: "**", team: TEAM }],
  };
  const saved = await finops.request.put("/api/chargeback/config", { data: JSON.stringify(teams), headers: JSON_TYPE });
  expect(saved.status(), await saved.text()).toBe(200);
  expect((await finops.request.put("/api/stale/policy", { data: "{}", headers: JSON_TYPE })).status()).toBe(403);

  const lead = await (await browser.newContext()).newPage();
  await lead.goto("/");
  await signInAs(lead, "lead");
  await expect(lead).toHaveURL(`${baseURL}/`);
  await expect(lead.getByTestId("signed-in")).toContainText("Lee Lead");
  const nav = lead.getByTestId("nav");
  await expect(nav.getByRole("link", { name: "Repositories" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Costs" })).toHaveCount(0);
  await lead.goto(`/teams/${TEAM}`);
  await expect(lead).toHaveTitle(new RegExp(`Team ${TEAM}`));
  expect((await lead.goto("/costs"))?.status()).toBe(403);
  await expect(lead.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  await lead.getByTestId("sign-out").click();
  await lead.getByRole("button", { name: /yes, sign me out/i }).click();
  await expect(lead).toHaveURL(/\/interaction\//);
});
