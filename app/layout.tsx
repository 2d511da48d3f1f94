import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ThemeScript } from "@/components/shell/theme-script";
import { cspNonce } from "@/lib/auth/page";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SOC Console", template: "%s · SOC Console" },
  description: "Security operations console for Microsoft Defender for Endpoint and Intune",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = await cspNonce();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
      </body>
    </html>
  );
}
