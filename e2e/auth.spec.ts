import { expect, signInAs, tenant, test, userFor } from "./fixtures";

test.describe("sign-in with Entra ID", () => {
  // These tests are about signing in and out, so every one takes the real flow instead of a stored session.
  test.use({ realSignIn: true });

  test("a signed-out visitor is sent to sign-in and, after signing in, lands where they were going", async ({
    page,
  }) => {
    await signInAs(page, "analyst", "/devices?tab=windows");
    await expect(page).toHaveURL(/\/devices\?tab=windows$/);
    await expect(page.getByTestId("current-user")).toContainText(userFor("analyst"));
    await expect(page.getByTestId("current-user")).toContainText("Analyst");
  });

  test("the session cookie is httpOnly, SameSite=Lax and carries no Microsoft token", async ({ asRole, context }) => {
    await asRole("viewer");
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "soc_session");
    expect(session).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
    expect(session!.value).not.toMatch(/^eyJ/); // not a JWT
    expect(cookies.map((c) => c.name)).not.toContain("soc_sign_in");
  });

  test("a Viewer sees no admin controls and gets 403 from the routes behind them", async ({ asRole }) => {
    const page = await asRole("viewer");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Alerts" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Audit" })).toHaveCount(0);
    // B16: the overview offers no section the role would get a 403 from.
    const home = page.getByRole("main");
    await expect(home.getByRole("link", { name: /^Alerts/ })).toBeVisible();
    await expect(home.getByRole("link", { name: /^(Audit|Settings)/ })).toHaveCount(0);
    const res = await page.request.post("/api/tokens", {
      data: { name: "nope", role: "Admin", days: 1 },
      headers: { origin: tenant().consoleUrl },
    });
    expect(res.status()).toBe(403);
    // The page answers 403 (decided before it streams, B18) and its content is never rendered.
    expect((await page.goto("/settings"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not permitted" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "API tokens" })).toHaveCount(0);
  });

  test("a user without a console role gets a clear page and no session", async ({ page, context }) => {
    await signInAs(page, "norole");
    await expect(page.getByRole("heading", { name: "No access to the console" })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "soc_session")).toBeUndefined();
  });

  test("cancelling at Entra ID explains what happened", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Sign in with Microsoft Entra ID" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("heading", { name: "Sign-in cancelled" })).toBeVisible();
  });

  test("sign-out ends the session: the old cookie no longer works", async ({ asRole, context, page }) => {
    await asRole("admin");
    const before = (await context.cookies()).find((c) => c.name === "soc_session")!;
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    // Replaying the old cookie must not get back in.
    const replay = await page.request.get("/api/me", { headers: { cookie: `soc_session=${before.value}` } });
    expect(replay.status()).toBe(401);
    await page.goto("/alerts");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an Admin creates an API token in Settings, it works as a bearer token, and the act is audited", async ({
    asRole,
    playwright,
  }) => {
    const page = await asRole("admin", "/settings");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const tokens = page.getByRole("region", { name: "API tokens" });
    await tokens.getByRole("textbox", { name: "Name", exact: true }).fill("e2e-soar");
    await tokens.getByRole("combobox", { name: "Role", exact: true }).selectOption("Analyst");
    // A double click creates one token (useSubmitOnce), not two.
    await tokens.getByRole("button", { name: "Create token" }).dblclick();
    const token = (await page.getByTestId("new-token").textContent())!.trim();
    expect(token).toMatch(/^soc_/);
    await expect(page.getByRole("cell", { name: "e2e-soar", exact: true })).toHaveCount(1);
    // The form starts afresh (no second identical token by accident), and the one-time token copies in one click.
    await expect(tokens.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("");
    await tokens.getByRole("button", { name: "Copy token" }).click();
    await expect(tokens.getByText("Copied.", { exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

    const api = await playwright.request.newContext({ baseURL: tenant().consoleUrl });
    const me = await api.get("/api/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect((await me.json()).roles).toEqual(["Analyst"]);
    await api.dispose();

    // Revoking asks in the console's dialog (not the browser's confirm()), then the token stops working.
    await tokens.getByRole("button", { name: "Revoke e2e-soar" }).click();
    const dialog = page.getByRole("dialog", { name: /Revoke the token “e2e-soar”/ });
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(dialog).toBeHidden();
    await expect(tokens.getByRole("row").filter({ hasText: "e2e-soar" })).toContainText("revoked");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
    const row = page.getByRole("row").filter({ hasText: "token.create" }).first();
    await expect(row).toContainText(userFor("admin"));
    await expect(row).toContainText("e2e-soar");
  });

  test("pages carry a strict Content-Security-Policy and framing is refused", async ({ asRole }) => {
    const page = await asRole("viewer");
    const res = await page.request.get("/alerts");
    const csp = res.headers()["content-security-policy"];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  });
});
