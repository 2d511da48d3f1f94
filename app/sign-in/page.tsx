import type { Metadata } from "next";
import { BrandPanel } from "@/components/shell/brand-panel";
import { hasTenant } from "@/lib/config/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { returnTo, signedOut } = await searchParams;
  const href = `/auth/sign-in${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`;
  return (
    <BrandPanel title={signedOut ? "You are signed out" : "Sign in"}>
      {signedOut ? <p role="status">Your console session has ended.</p> : null}
      {hasTenant() ? (
        <>
          <p>
            Sign in with your organisation&apos;s Microsoft Entra ID account. Your role in the console comes from the
            app roles your administrator assigned.
          </p>
          {/* A link, not a form: the redirect to Entra ID must not be blocked by form-action 'self'. */}
          <a
            href={href}
            className="inline-flex w-full justify-center rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
          >
            Sign in with Microsoft Entra ID
          </a>
        </>
      ) : (
        <p role="alert">
          Sign-in is not configured: set ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET (see the README), or
          start the demo with
          <code className="mx-1 rounded bg-slate-100 px-1 dark:bg-slate-800">npm run demo</code>.
        </p>
      )}
    </BrandPanel>
  );
}
