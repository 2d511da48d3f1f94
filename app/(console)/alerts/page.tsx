import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Alerts" };

export default function Page() {
  return <ComingSoon href="/alerts" issue={6} />;
}
