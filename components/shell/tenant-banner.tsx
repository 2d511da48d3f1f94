export function TenantBanner({ mode, tenantConfigured }: { mode: "demo" | "production"; tenantConfigured: boolean }) {
  if (tenantConfigured && mode === "production") return null;
  const text = !tenantConfigured
    ? "No tenant is connected: the console is running on an empty database. Start it with the simulated tenant (npm run demo) or configure a real tenant (see README)."
    : "Demo: connected to the simulated tenant. Nothing here touches a real Microsoft tenant.";
  return (
    <div
      role="status"
      className="no-print border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      {text}
    </div>
  );
}
