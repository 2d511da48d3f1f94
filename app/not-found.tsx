import { StatusPage } from "@/components/ui/status-page";

export default function NotFound() {
  return (
    <StatusPage code={404} codeClassName="text-blue-700 dark:text-blue-300" title="Page not found">
      This page does not exist, or it has moved.
    </StatusPage>
  );
}
