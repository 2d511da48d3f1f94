import Link from "next/link";

export default function CveNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-semibold">Vulnerability not found</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">The console&apos;s cache has no CVE with this id. It may not be synced yet, or the link is wrong.</p>
      <Link href="/tvm/vulnerabilities" className="mt-4 inline-block text-blue-700 underline dark:text-blue-300">
        Back to vulnerabilities
      </Link>
    </div>
  );
}
