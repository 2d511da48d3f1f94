import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Audit" };

export default function Page() {
  return <ComingSoon href="/audit" issue={5} />;
}
