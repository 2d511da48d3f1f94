import Link from "next/link";
import type { ReactNode } from "react";

/**
 * A whole page for an HTTP status the console answers outside its shell (app/not-found.tsx, app/forbidden.tsx):
 * the code, a heading, one sentence of why, and the way back to the console.
 */
export function StatusPage({
  code,
  codeClassName,
  title,
  children,
  back = { href: "/", label: "Back to the console" },
}: {
  code: number;
  /** The colour of the status code: blue for something missing, red for something refused. */
  codeClassName: string;
  title: string;
  children: ReactNode;
  back?: { href: string; label: string };
}) {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <p className={`text-sm font-semibold ${codeClassName}`}>{code}</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{children}</p>
      <Link
        href={back.href}
        className="mt-6 inline-block rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
      >
        {back.label}
      </Link>
    </main>
  );
}
