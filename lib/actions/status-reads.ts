import { ACTION_POSTS_PER_MINUTE } from "./pacer";

// How often the console asks Defender for the status of an action it follows. Status reads share Defender's
// machine-action limits (100 calls a minute, 1,500 an hour per app; mde-api.md §4) with the response actions
// themselves, so following must never starve an isolation:
// - an action is re-read soon after it was requested (most settle within a minute), then less and less often
//   (an action for an offline device can stay Pending for days, and its page may be left open);
// - all status reads together stay within what the response actions' pacer leaves of the per-minute limit.

const FIRST_INTERVAL_MS = 1_500;
const LONGEST_INTERVAL_MS = 60_000;

/** The shortest time between two status reads of an action this old: a tenth of its age, from 1.5 s to 1 minute. */
export function statusReadIntervalMs(ageMs: number): number {
  return Math.min(LONGEST_INTERVAL_MS, Math.max(FIRST_INTERVAL_MS, Math.round(ageMs / 10)));
}

/** Whether an action created at `createdAt`, last read at `lastReadAt`, is due for another read at `now`. */
export function statusReadDue(createdAt: Date, lastReadAt: Date | null, now: number): boolean {
  if (!lastReadAt) return true;
  return now - lastReadAt.getTime() >= statusReadIntervalMs(now - createdAt.getTime());
}

/** Status reads per minute, across every action and browser: what the POST pacer leaves of Defender's 100. */
export const STATUS_READS_PER_MINUTE = 100 - ACTION_POSTS_PER_MINUTE;

/**
 * A sliding-window budget that never waits: a read that finds it used up is skipped (the cached status stands,
 * and the next poll tries again), since blocking a poll would only pile up requests behind it.
 */
export class StatusReadBudget {
  private readonly taken: number[] = [];

  constructor(
    readonly perWindow = STATUS_READS_PER_MINUTE,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  tryTake(): boolean {
    const now = this.now();
    while (this.taken.length && this.taken[0] <= now - this.windowMs) this.taken.shift();
    if (this.taken.length >= this.perWindow) return false;
    this.taken.push(now);
    return true;
  }
}

const slot = globalThis as unknown as { __socStatusReadBudget?: StatusReadBudget };

export function statusReadBudget(): StatusReadBudget {
  slot.__socStatusReadBudget ??= new StatusReadBudget();
  return slot.__socStatusReadBudget;
}

/** Tests that follow many actions at once give themselves a larger budget. */
export function useStatusReadBudgetForTests(budget: StatusReadBudget | undefined): void {
  slot.__socStatusReadBudget = budget;
}
