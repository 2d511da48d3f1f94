import { UpstreamError } from "../http/errors";

// Defender allows 10 batchUpdate calls per minute per app (Batch update alerts API). Bulk triage queues for a free slot
// instead of sending a call Defender would refuse; a request that would wait longer than MAX_WAIT_MS is told to
// retry instead of holding the connection open.

export const BATCH_CALLS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;
const MAX_WAIT_MS = 20_000;

export class SlidingWindowQueue {
  private readonly sent: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly perWindow = BATCH_CALLS_PER_MINUTE,
    private readonly windowMs = WINDOW_MS,
    private readonly maxWaitMs = MAX_WAIT_MS,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Waits in line for a slot and takes it; throws a 503 with Retry-After when the wait would be too long. */
  take(): Promise<void> {
    const turn = this.tail.then(() => this.claim());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async claim(): Promise<void> {
    const now = this.now();
    while (this.sent.length && this.sent[0] <= now - this.windowMs) this.sent.shift();
    if (this.sent.length >= this.perWindow) {
      const wait = this.sent[0] + this.windowMs - now;
      if (wait > this.maxWaitMs) {
        throw new UpstreamError(
          `Defender's limit of ${this.perWindow} bulk updates per minute is used up; try again in ${Math.ceil(wait / 1000)} s. Nothing was changed.`,
          429,
          Math.ceil(wait / 1000),
        );
      }
      await this.sleep(wait);
      this.sent.shift();
    }
    this.sent.push(this.now());
  }
}

const slot = globalThis as unknown as { __socBatchQueue?: SlidingWindowQueue };

export function batchQueue(): SlidingWindowQueue {
  slot.__socBatchQueue ??= new SlidingWindowQueue();
  return slot.__socBatchQueue;
}

export function resetBatchQueueForTests(queue?: SlidingWindowQueue): void {
  slot.__socBatchQueue = queue;
}
