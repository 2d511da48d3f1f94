import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Vulnerabilities" };

export default function Page() {
  return <ComingSoon href="/tvm" issue={8} />;
}
