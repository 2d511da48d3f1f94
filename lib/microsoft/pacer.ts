import { UpstreamError } from "../http/errors";

// Microsoft limits calls per application, per endpoint family and window ("Microsoft Defender for Endpoint API
// usage limits": e.g. 100 machine-action calls a minute and 1,500 an hour; alerts batchUpdate 10 a minute). A
// budget counts the calls taken in each sliding window; its store is shared by every console instance (the
// database) or, for tests and one-off scripts, kept in memory. A pacer queues callers for the budget's slots.

export interface BudgetWindow {
  limit: number;
  windowMs: number;
}

export interface Budget {
  /** Stable key, e.g. "defender.machineActions.post". */
  family: string;
  windows: BudgetWindow[];
}

/** Where the calls taken are counted. */
export interface BudgetStore {
  /** Takes a slot at `nowMs` if every window has room (returns 0); otherwise takes nothing and says how long to wait. */
  tryTake(budget: Budget, nowMs: number): Promise<number>;
  /** Calls taken within each window at `nowMs`, in the order of budget.windows. */
  used(budget: Budget, nowMs: number): Promise<number[]>;
  /** How long from `nowMs` until a slot is free (0: one is free now), taking nothing. */
  freeIn(budget: Budget, nowMs: number): Promise<number>;
}

/** Counts in this process only: tests, scripts, and the CLI. */
export class MemoryBudgetStore implements BudgetStore {
  private readonly taken = new Map<string, number[]>();

  async tryTake(budget: Budget, nowMs: number): Promise<number> {
    const times = this.prune(budget, nowMs);
    const wait = waitFor(budget, times, nowMs);
    if (wait === 0) times.push(nowMs);
    return wait;
  }

  async used(budget: Budget, nowMs: number): Promise<number[]> {
    const times = this.prune(budget, nowMs);
    return budget.windows.map((w) => times.filter((t) => t > nowMs - w.windowMs).length);
  }

  async freeIn(budget: Budget, nowMs: number): Promise<number> {
    return waitFor(budget, this.prune(budget, nowMs), nowMs);
  }

  private prune(budget: Budget, nowMs: number): number[] {
    const longest = Math.max(...budget.windows.map((w) => w.windowMs));
    const times = (this.taken.get(budget.family) ?? []).filter((t) => t > nowMs - longest);
    this.taken.set(budget.family, times);
    return times;
  }
}

/** How long until every window has room, given the call times (ascending) within the longest window. */
export function waitFor(budget: Budget, ascending: number[], nowMs: number): number {
  let wait = 0;
  for (const w of budget.windows) {
    const inWindow = ascending.filter((t) => t > nowMs - w.windowMs);
    if (inWindow.length < w.limit) continue;
    // The slot frees when the call that leaves `limit - 1` newer ones ages out of the window.
    const freeing = inWindow[inWindow.length - w.limit]!;
    wait = Math.max(wait, freeing + w.windowMs - nowMs);
  }
  return wait;
}

export interface PacerOptions {
  /** What to tell the person when the wait would be longer than they may wait (seconds to wait as input). */
  exhausted: (seconds: number) => string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Callers in this process wait in line for the budget's next slot; the budget itself may be shared. */
export class Pacer {
  private tail: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly budget: Budget,
    private readonly store: BudgetStore,
    private readonly opts: PacerOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Waits in line for a slot and takes it; refuses (503 + Retry-After) a wait longer than maxWaitMs. */
  take(maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
    const turn = this.tail.then(() => this.claim(maxWaitMs));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Takes a slot only if one is free now. */
  async tryTake(): Promise<boolean> {
    return (await this.store.tryTake(this.budget, this.now())) === 0;
  }

  used(): Promise<number[]> {
    return this.store.used(this.budget, this.now());
  }

  private async claim(maxWaitMs: number): Promise<void> {
    const started = this.now();
    for (;;) {
      const wait = await this.store.tryTake(this.budget, this.now());
      if (wait === 0) return;
      if (this.now() - started + wait > maxWaitMs) {
        const seconds = Math.max(1, Math.ceil(wait / 1000));
        throw new UpstreamError(this.opts.exhausted(seconds), 429, seconds);
      }
      await this.sleep(wait);
    }
  }
}
