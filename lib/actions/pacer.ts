import { UpstreamError } from "../http/errors";
import { SlidingWindow } from "./sliding-window";

// Defender allows 100 machine-action calls per minute per app (the response-action pages, e.g.
// learn.microsoft.com/defender-endpoint/api/isolate-machine; the family also holds the GETs of polling and sync).
// Every POST of a response action takes a slot here first: a single action that would wait
// longer than maxWaitMs is refused with Retry-After, a bulk scan's queue simply waits its turn.

/** POSTs per minute: below Defender's 100 so the same family's polling and sync GETs still fit. */
export const ACTION_POSTS_PER_MINUTE = 80;

export class ActionPacer {
  private readonly window: SlidingWindow;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly perWindow = ACTION_POSTS_PER_MINUTE,
    windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.window = new SlidingWindow(perWindow, windowMs);
  }

  /** Waits in line for a slot and takes it; with maxWaitMs, refuses (503 + Retry-After) a wait longer than that. */
  take(maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
    const turn = this.tail.then(() => this.claim(maxWaitMs));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async claim(maxWaitMs: number): Promise<void> {
    const wait = this.window.waitMs(this.now());
    if (wait > maxWaitMs) {
      const seconds = Math.ceil(wait / 1000);
      throw new UpstreamError(`Defender's limit of response actions per minute is used up (a bulk scan may be running); try again in ${seconds} s. Nothing was sent.`, 429, seconds);
    }
    if (wait > 0) await this.sleep(wait);
    this.window.take(this.now());
  }
}

const slot = globalThis as unknown as { __socActionPacer?: ActionPacer };

export function actionPacer(): ActionPacer {
  slot.__socActionPacer ??= new ActionPacer();
  return slot.__socActionPacer;
}

export function useActionPacerForTests(pacer: ActionPacer | undefined): void {
  slot.__socActionPacer = pacer;
}
