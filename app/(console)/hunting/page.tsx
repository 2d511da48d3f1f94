// stand-in page: replaced by the server branch
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { EditorStandIn } from "./editor-stand-in";

export const metadata: Metadata = { title: "Hunting" };

export default function Page() {
  return (
    <section>
      <PageHeader title="Advanced hunting" />
      <EditorStandIn />
    </section>
  );
}
