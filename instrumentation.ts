// Next.js calls register() once when the server starts: the Node.js server process runs the sync scheduler.
export async function register() {
  const { getConfig } = await import("./lib/config/env");
  if (getConfig().NEXT_RUNTIME !== "nodejs") return;
  const { startScheduler } = await import("./lib/sync/scheduler");
  startScheduler();
}
