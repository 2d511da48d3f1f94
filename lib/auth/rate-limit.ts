import { processSingleton } from "../process-singleton";

// A fixed one-minute window per key (user or token), kept in this process. Several console instances each keep
// their own window, so the effective limit scales with instances; that is acceptable for abuse protection.

interface Window {
  startedAt: number;
  count: number;
}

const WINDOW_MS = 60_000;

/** The process's windows (module-level state would be one per server chunk); tests start with none. */
export const rateLimitWindows = processSingleton("rateLimitWindows", () => ({
  byKey: new Map<string, Window>(),
  lastSweep: 0,
}));

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

export function takeToken(key: string, limit: number, now: number = Date.now()): RateLimitResult {
  const state = rateLimitWindows();
  const windows = state.byKey;
  if (now - state.lastSweep > WINDOW_MS) {
    for (const [k, w] of windows) if (now - w.startedAt >= WINDOW_MS) windows.delete(k);
    state.lastSweep = now;
  }
  let window = windows.get(key);
  if (!window || now - window.startedAt >= WINDOW_MS) {
    window = { startedAt: now, count: 0 };
    windows.set(key, window);
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
  if (window.count >= limit) return { allowed: false, limit, remaining: 0, retryAfterSeconds };
  window.count += 1;
  return { allowed: true, limit, remaining: limit - window.count, retryAfterSeconds };
}
