import type { ReactNode } from "react";

/** The centred card used by the pages a person sees before the console: sign-in, sign-in errors, signed out. */
export function BrandPanel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-6 flex items-center gap-2 font-semibold">
          {/* eslint-disable-next-line @next/next/no-img-element -- static 28px SVG */}
          <img src="/logo.svg" alt="" width={28} height={28} />
          <span>SOC Console</span>
        </div>
        <h1 className="text-xl font-semibold">{title}</h1>
        <div className="mt-3 space-y-4 text-sm text-slate-600 dark:text-slate-300">{children}</div>
      </div>
    </main>
  );
}
