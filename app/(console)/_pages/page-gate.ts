import { headers } from "next/headers";
import { forbidden, notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { isCached } from "@/lib/cache/exists";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { detailPageOf } from "./detail-pages";

// Every console page below a loading.tsx streams: its first byte (the skeleton) fixes the HTTP status at 200, and
// a notFound() or forbidden() in the page can then only swap the content (Next.js docs, "loading.js" → "Status
// codes": run the check before streaming starts). The console layout renders before any of those boundaries, so
// it asks here, once per full page load: the page's permission (the navigation's) → 403, its record → 404. The
// pages keep their own checks for client-side navigations, where no status is sent.
export async function gatePage(actor: Actor): Promise<void> {
  const pathname = ((await headers()).get("x-pathname") ?? "/").split("?")[0]!;
  const section = NAV_ITEMS.find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
  if (section && !actor.permissions.has(section.permission)) forbidden();
  const detail = detailPageOf(pathname);
  if (detail && !(await isCached(detail.page.kind, detail.id))) notFound();
}
