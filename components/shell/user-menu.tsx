export function UserMenu({ name, roles }: { name: string; roles: readonly string[] }) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="hidden text-right leading-tight sm:block" data-testid="current-user">
        <span className="block font-medium">{name}</span>
        <span className="block text-xs text-slate-500 dark:text-slate-400">{roles.join(", ")}</span>
      </span>
      {/* A plain form POST: works without JavaScript and carries the Origin header the CSRF check wants. */}
      <form method="post" action="/auth/sign-out">
        <button
          type="submit"
          className="h-8 rounded-md border border-slate-300 px-2.5 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          Sign out
        </button>
      </form>
    </div>
  );
}
