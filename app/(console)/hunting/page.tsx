import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Hunting" };

export default function Page() {
  return <ComingSoon href="/hunting" />;
}
