import { headers } from "next/headers";
import { StatusPage } from "@/components/ui/status-page";
import { detailPageOf } from "./(console)/_pages/detail-pages";

// The 404 page. A full load of a detail page whose record is missing lands here (the console layout answers 404
// before streaming starts), so it says which record is missing and leads back to its list.
export default async function NotFound() {
  const pathname = ((await headers()).get("x-pathname") ?? "").split("?")[0]!;
  const detail = detailPageOf(pathname);
  if (detail) {
    const { title, detail: why, backHref, backLabel } = detail.page.panel;
    return (
      <StatusPage
        code={404}
        codeClassName="text-blue-700 dark:text-blue-300"
        title={title}
        back={{ href: backHref, label: backLabel }}
      >
        {why}
      </StatusPage>
    );
  }
  return (
    <StatusPage code={404} codeClassName="text-blue-700 dark:text-blue-300" title="Page not found">
      This page does not exist, or it has moved.
    </StatusPage>
  );
}
