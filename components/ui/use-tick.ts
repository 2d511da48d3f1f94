import { useEffect, useState } from "react";

/** A clock for relative times and SLA countdowns: `start` (the server's render time, so hydration matches), then
 * `Date.now()` every `intervalMs`. */
export function useTick(intervalMs: number, start: number): number {
  const [now, setNow] = useState(start);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
