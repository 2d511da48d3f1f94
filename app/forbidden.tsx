import { StatusPage } from "@/components/ui/status-page";

export default function Forbidden() {
  return (
    <StatusPage code={403} codeClassName="text-red-700 dark:text-red-300" title="Not permitted">
      Your role does not include this page. Ask an administrator if you need it.
    </StatusPage>
  );
}
