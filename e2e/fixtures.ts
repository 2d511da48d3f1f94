import { readFileSync } from "node:fs";
import { expect, test as base, type Page } from "@playwright/test";

export type Role = "viewer" | "analyst" | "responder" | "manager" | "admin" | "norole";

interface Tenant {
  baseUrl: string;
  consoleUrl: string;
  users: { username: string; password: string; roles: string[] }[];
}

/** The simulated tenant the e2e server started (scripts/e2e-server.ts). */
export function tenant(): Tenant {
  return JSON.parse(readFileSync("test-results/e2e-tenant.json", "utf8")) as Tenant;
}

export function userFor(role: Role): string {
  const user = tenant().users.find((u) => u.username.startsWith(`${role}@`));
  if (!user) throw new Error(`the simulated tenant has no ${role} user`);
  return user.username;
}

/** Signs in through the real flow: console → Entra ID (simulated) sign-in page → callback → console. */
export async function signInAs(page: Page, role: Role, returnTo = "/"): Promise<void> {
  await page.goto(returnTo);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole("link", { name: "Sign in with Microsoft Entra ID" }).click();
  await page.getByRole("button", { name: new RegExp(userFor(role).replace(".", "\\.")) }).click();
}

export const test = base.extend<{ asRole: (role: Role, returnTo?: string) => Promise<Page> }>({
  asRole: async ({ page }, provide) => {
    await provide(async (role, returnTo = "/") => {
      await signInAs(page, role, returnTo);
      await expect(page.getByTestId("current-user")).toContainText(userFor(role));
      return page;
    });
  },
});

export { expect };
