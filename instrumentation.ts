// Next.js calls register() once when the server starts: the Node.js server process runs the sync scheduler.
// NEXT_RUNTIME is Next's own build-time switch (not configuration): it must be read literally here so the Edge
// bundle drops the Node-only import below.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startScheduler } = await import("./lib/sync/scheduler");
  startScheduler();
  // Response requests a previous run left Queued or Sending (lib/actions/recovery.ts).
  const { startRecovery } = await import("./lib/actions/recovery");
  startRecovery();
  // Notifications waiting in the outbox, including those a stopped instance left mid-send (lib/notifications).
  const { startNotificationWorker } = await import("./lib/notifications");
  startNotificationWorker();
}
