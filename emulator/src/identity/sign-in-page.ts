// The emulator's sign-in page: one button per demo user (accessible name contains the username)
// plus a username/password form and a cancel button.
import type { DemoUser } from "./directory";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { width: min(28rem, 92vw); padding: 2rem; border: 1px solid color-mix(in srgb, CanvasText 20%, transparent); border-radius: 12px; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  p.sub { margin: 0 0 1.5rem; opacity: .75; }
  ul { list-style: none; padding: 0; margin: 0 0 1.5rem; display: grid; gap: .5rem; }
  button { font: inherit; width: 100%; text-align: left; padding: .6rem .8rem; border-radius: 8px; cursor: pointer;
    border: 1px solid color-mix(in srgb, CanvasText 25%, transparent); background: transparent; color: inherit; }
  button:hover { background: color-mix(in srgb, CanvasText 8%, transparent); }
  button:focus-visible, input:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  button.primary { background: #2563eb; color: white; border-color: #2563eb; text-align: center; }
  .role { float: right; opacity: .7; font-size: .9em; }
  label { display: block; margin: .75rem 0 .25rem; }
  input { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; border-radius: 6px;
    border: 1px solid color-mix(in srgb, CanvasText 30%, transparent); background: Canvas; color: inherit; }
  .error { color: #b91c1c; border: 1px solid #b91c1c; padding: .5rem .75rem; border-radius: 6px; }
  .actions { display: grid; gap: .5rem; margin-top: 1rem; }
  h2 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
`;

export function renderSignInPage(opts: {
  action: string;
  requestId: string;
  users: DemoUser[];
  appName: string;
  loginHint: string | null;
  error: string | null;
}): string {
  const hidden = `<input type="hidden" name="request_id" value="${escapeHtml(opts.requestId)}">`;
  const userButtons = opts.users
    .map((u) => {
      const roles = u.roles.length ? u.roles.join(", ") : "no role";
      return `<li><button type="submit" name="username" value="${escapeHtml(u.username)}">${escapeHtml(u.displayName)} · ${escapeHtml(u.username)} <span class="role">${escapeHtml(roles)}</span></button></li>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to your account · Emulated Entra ID</title><style>${STYLE}</style></head>
<body><main>
<h1>Sign in</h1>
<p class="sub">to <strong>${escapeHtml(opts.appName)}</strong> · Emulated Microsoft Entra ID (contoso.example)</p>
${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ""}
<form method="post" action="${escapeHtml(opts.action)}" aria-labelledby="pick-heading">
${hidden}<input type="hidden" name="quick" value="1">
<h2 id="pick-heading">Pick a demo account</h2>
<ul>${userButtons}</ul>
</form>
<form method="post" action="${escapeHtml(opts.action)}" aria-labelledby="password-heading">
${hidden}
<h2 id="password-heading">Or sign in with a password</h2>
<label for="username">Email</label>
<input id="username" name="username" type="email" autocomplete="username" value="${escapeHtml(opts.loginHint ?? "")}" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions"><button type="submit" class="primary">Sign in</button></div>
</form>
<form method="post" action="${escapeHtml(opts.action)}">
${hidden}<input type="hidden" name="cancel" value="1">
<div class="actions"><button type="submit">Cancel</button></div>
</form>
</main></body></html>`;
}

export function renderMessagePage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}

/** response_mode=form_post: a form the browser submits to the redirect URI. */
export function renderFormPost(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Working…</title></head>
<body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${inputs}
<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
}
