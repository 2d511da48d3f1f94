import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Devices" };

export default function Page() {
  return <ComingSoon href="/devices" issue={7} />;
}
