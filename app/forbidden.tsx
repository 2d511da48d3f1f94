import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <p className="text-sm font-semibold text-red-700 dark:text-red-300">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Not permitted</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        Your role does not include this page. Ask an administrator if you need it.
      </p>
      <Link
        href="/"
        className="mt-6 inline-block rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
      >
        Back to the console
      </Link>
    </main>
  );
}
