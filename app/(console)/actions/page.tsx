import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Actions" };

export default function Page() {
  return <ComingSoon href="/actions" issue={7} />;
}
