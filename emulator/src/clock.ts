// The emulator's notion of "now". Scores and generated timestamps follow it so a demo script
// can step the clock back day by day and collect a score history through the real client
// (the real APIs, "Get exposure score" and "Get device secure score", only return the current value).
// Token lifetimes, rate-limit windows and machine-action delays always use real time.

export class EmulatedClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  offset(): number {
    return this.offsetMs;
  }

  setNow(ms: number): void {
    this.offsetMs = ms - Date.now();
  }

  setOffset(ms: number): void {
    this.offsetMs = ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/**
 * MDE timestamps carry 7 fractional digits (as in the "Alert resource type" example: "2021-01-26T20:33:57.7220239Z").
 * We store milliseconds and pad, so a value read back and used in `ge` filters round-trips exactly.
 */
export function isoTime(ms: number): string {
  let text = formatted.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString().replace("Z", "0000Z");
    // Lists re-serialise the same few hundred thousand timestamps on every page; bounded so --live runs stay small.
    if (formatted.size >= 1_000_000) formatted.clear();
    formatted.set(ms, text);
  }
  return text;
}

const formatted = new Map<number, string>();

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
