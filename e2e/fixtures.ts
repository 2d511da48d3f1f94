import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test as base, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { e2eTenantFile } from "../scripts/lib/e2e-tenant-file";
import type { EmulatorReady } from "../scripts/lib/emulator-process";

export type Role = "viewer" | "analyst" | "responder" | "manager" | "admin" | "norole";

/** What scripts/e2e-server.ts wrote: the emulator's whole ready line plus the console's address. */
export interface Tenant extends EmulatorReady {
  consoleUrl: string;
  /** The local notification sink's page (scripts/lib/notification-sink.ts). */
  sinkUrl: string;
  /** A second app registration with read permissions only. */
  readOnlyClient: { clientId: string; clientSecret: string };
}

/** The simulated tenant behind the running test's console (scripts/e2e-server.ts starts one per project). */
export function tenant(): Tenant {
  const port = Number(new URL(String(base.info().project.use.baseURL)).port);
  return JSON.parse(readFileSync(e2eTenantFile(port), "utf8")) as Tenant;
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

/** The simulated tenant's test surface, and its Defender API called the way the console calls it. */
export interface Emulator {
  /** Requests answered so far, by route ("POST /api/machines/{id}/isolate"). */
  stats(): Promise<Record<string, number>>;
  /** Replaces the fault spec; `{}` clears it (the fixture also clears it after a test that set one). */
  faults(spec: object): Promise<void>;
  /** GET on the Defender API with the console's app credentials (client credentials, MDE audience); must be 2xx. */
  defender(path: string): Promise<unknown>;
}

type StoredState = Awaited<ReturnType<BrowserContext["storageState"]>>;

interface Fixtures {
  /**
   * Signs `page` (the test's own page unless another is given) in as `role` and opens `returnTo`. Outside the
   * sign-in tests the real flow runs once per role per worker and its storage state is reused after that.
   */
  asRole: (role: Role, returnTo?: string, page?: Page) => Promise<Page>;
  /** Sign in through the real flow every time (the tests of sign-in and sign-out set this). */
  realSignIn: boolean;
  emulator: Emulator;
}

export const test = base.extend<Fixtures, { signedInStates: Map<Role, StoredState> }>({
  realSignIn: [false, { option: true }],
  signedInStates: [async ({}, provide) => provide(new Map()), { scope: "worker" }],

  asRole: async ({ page, browser, realSignIn, signedInStates }, provide, testInfo) => {
    async function stateFor(role: Role): Promise<StoredState> {
      const known = signedInStates.get(role);
      if (known) return known;
      // A context of its own, so the first test of a role starts exactly like the others.
      const context = await browser.newContext();
      await signInAs(await context.newPage(), role);
      const file = path.join("e2e", ".auth", `${role}.worker${testInfo.parallelIndex}.json`);
      mkdirSync(path.dirname(file), { recursive: true });
      const state = await context.storageState({ path: file });
      await context.close();
      signedInStates.set(role, state);
      return state;
    }

    await provide(async (role, returnTo = "/", target = page) => {
      if (realSignIn) await signInAs(target, role, returnTo);
      else {
        await target.context().addCookies((await stateFor(role)).cookies);
        await target.goto(returnTo);
      }
      await expect(target.getByTestId("current-user")).toContainText(userFor(role));
      return target;
    });
  },

  emulator: async ({ playwright }, provide) => {
    const t = tenant();
    const api: APIRequestContext = await playwright.request.newContext({ ignoreHTTPSErrors: true });
    let token: string | undefined;
    let faulted = false;
    async function defenderToken(): Promise<string> {
      if (token) return token;
      const res = await api.post(`${t.authorityHost.replace(/\/+$/, "")}/${t.tenantId}/oauth2/v2.0/token`, {
        form: {
          grant_type: "client_credentials",
          client_id: t.clientId,
          client_secret: t.clientSecret,
          scope: "https://api.securitycenter.microsoft.com/.default",
        },
      });
      expect(res.ok(), await res.text()).toBe(true);
      token = ((await res.json()) as { access_token: string }).access_token;
      return token;
    }
    async function setFaults(spec: object): Promise<void> {
      faulted = Object.keys(spec).length > 0;
      const res = await api.post(`${t.baseUrl}/_emulator/faults`, { data: spec });
      expect(res.ok()).toBe(true);
    }

    await provide({
      stats: async () =>
        ((await (await api.get(`${t.baseUrl}/_emulator/stats`)).json()) as { byRoute: Record<string, number> }).byRoute,
      faults: setFaults,
      defender: async (path) => {
        const res = await api.get(`${t.defenderUrl}${path}`, {
          headers: { authorization: `Bearer ${await defenderToken()}` },
        });
        expect(res.ok(), `${path} → ${res.status()}`).toBe(true);
        return res.json();
      },
    });
    // A test that failed half-way must not leave the next one a faulty tenant.
    if (faulted) await setFaults({});
    await api.dispose();
  },
});

export { expect };
