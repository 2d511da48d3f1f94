import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/auth/csp";
import { sessionCookieName } from "@/lib/auth/cookie-names";
import { getConfig } from "@/lib/config/env";

// Runs before every request: security headers with a per-request CSP nonce, and a fast redirect to sign-in for
// pages requested without a session cookie. Whether a session is valid is decided by the page and route guards
// (lib/auth/page.ts, lib/auth/route.ts); API routes answer 401 themselves rather than redirecting.

const PUBLIC_PAGES = ["/sign-in"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/") || pathname.startsWith("/auth/");
  const isPublicPage = PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`));

  if (
    !isApi &&
    !isPublicPage &&
    !request.cookies.has(sessionCookieName(false)) &&
    !request.cookies.has(sessionCookieName(true))
  ) {
    const target = new URL("/sign-in", request.url);
    target.searchParams.set("returnTo", `${pathname}${search}`);
    return NextResponse.redirect(target);
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: getConfig().NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-pathname", `${pathname}${search}`);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  const https =
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto") === "https" ||
    getConfig().CONSOLE_URL?.startsWith("https:");
  if (https) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|kusto/|icon.svg|logo.svg|favicon.ico).*)" }],
};
