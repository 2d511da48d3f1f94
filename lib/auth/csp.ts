// The Content-Security-Policy for every page: scripts only from this origin or carrying this request's nonce
// (Next.js streams inline bootstrap scripts and tags them with the nonce it reads from the request's CSP header).
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean }): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval' only for the dev server's React refresh; never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Web Workers (the hunting editor's KQL worker) only from this origin; the worker's own policy comes with its
    // script (next.config.js).
    "worker-src 'self'",
    // Inline style attributes are used by React and Recharts; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${opts.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
