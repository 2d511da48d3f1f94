/** Calls taken within the last `windowMs`: Defender counts its per-minute and per-hour limits this way. */
export class SlidingWindow {
  private readonly taken: number[] = [];

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** How long until a call may be taken at `now` (0: at once). */
  waitMs(now: number): number {
    while (this.taken.length && this.taken[0] <= now - this.windowMs) this.taken.shift();
    return this.taken.length < this.limit ? 0 : this.taken[0] + this.windowMs - now;
  }

  /** Calls taken within the window at `now`. */
  count(now: number): number {
    this.waitMs(now);
    return this.taken.length;
  }

  take(now: number): void {
    this.taken.push(now);
  }
}
