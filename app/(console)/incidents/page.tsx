import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Incidents" };

export default function Page() {
  return <ComingSoon href="/incidents" issue={6} />;
}
