import type { Metadata } from "next";
import Link from "next/link";
import { BrandPanel } from "@/components/shell/brand-panel";

export const metadata: Metadata = { title: "Sign-in failed" };

const REASONS: Record<string, { title: string; text: string }> = {
  no_role: {
    title: "No access to the console",
    text: "You signed in, but your account has no console role (Viewer, Analyst, Responder, Manager or Admin). Ask your administrator to assign you an app role in Entra ID, then sign in again.",
  },
  cancelled: { title: "Sign-in cancelled", text: "Sign-in was cancelled at Microsoft Entra ID. You can try again." },
  state: {
    title: "Sign-in expired",
    text: "The sign-in took too long or was started in another tab, so it could not be completed safely. Start again.",
  },
  token: {
    title: "Sign-in failed",
    text: "Entra ID's answer could not be verified. Try again; if it keeps failing, contact your administrator.",
  },
  entra_error: {
    title: "Sign-in failed",
    text: "Microsoft Entra ID refused the sign-in. Try again; if it keeps failing, contact your administrator.",
  },
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const info = REASONS[reason ?? ""] ?? REASONS.token;
  return (
    <BrandPanel title={info.title}>
      <p role="alert">{info.text}</p>
      <Link href="/sign-in" className="inline-block font-medium text-blue-700 underline dark:text-blue-300">
        Back to sign-in
      </Link>
    </BrandPanel>
  );
}
