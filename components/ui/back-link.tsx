import Link from "next/link";
import type { ReactNode } from "react";

/** The "← list" link above a detail page, back to the list it was opened from. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href} className="text-blue-700 underline dark:text-blue-300">
        ← {children}
      </Link>
    </p>
  );
}
