import { ACTION_POSTS_PER_MINUTE, budgetStore, MemoryBudgetStore, type Budget, type BudgetStore } from "../budgets";
import { processSingleton } from "../process-singleton";

// When the console asks Defender for the status of an action it follows. Status reads share Defender's
// machine-action limits (100 calls a minute and 1,500 an hour per app, see
// learn.microsoft.com/defender-endpoint/api/get-machineaction-object) with the response actions
// themselves, so following must never starve an isolation:
// - an action is re-read soon after Defender created it (most settle within minutes), then less and less often
//   (an action for an offline device can stay Pending for days, and its page may be left open);
// - all status reads together stay within what the response actions' pacer leaves of the per-minute limit, and
//   within a fifth of the hourly one;
// - a read that failed is not repeated before Defender's Retry-After, and its reason is reported by every poll
//   until a read succeeds, so the responder keeps seeing that the status shown may be behind.
// - half of each budget is kept for people who can respond (actions:respond): a reader without it, however often
//   they poll, cannot leave a responder following an isolation without status reads;
// - a read skipped for want of budget says so (the status shown may be behind), like a failed one.
// The budget is counted in the database, shared by every console instance (lib/budgets); the per-action records
// (last attempt, last failure) are per process: another instance at worst reads an action once more.

const FIRST_INTERVAL_MS = 2_000;
const LONGEST_INTERVAL_MS = 60_000;

/** The shortest time between two status reads of an action this old: a fifth of its age, from 2 s to 1 minute. */
export function statusReadIntervalMs(ageMs: number): number {
  return Math.min(LONGEST_INTERVAL_MS, Math.max(FIRST_INTERVAL_MS, Math.round(ageMs / 5)));
}

/** Status reads per minute, across every action and browser: what the POST pacer leaves of Defender's 100. */
export const STATUS_READS_PER_MINUTE = 100 - ACTION_POSTS_PER_MINUTE;
/** Status reads per hour: a fifth of Defender's 1,500, the rest being for response actions and the sync. */
export const STATUS_READS_PER_HOUR = 300;

/** The share of each budget that callers without actions:respond may use. */
export const READER_SHARE = 0.5;

/** What to do about one action's status on this poll. */
export type ReadPlan = { read: true } | { read: false; error: string | null };

interface FailedRead {
  error: string;
  notBefore: number;
}

/** Records of more actions than this are forgotten oldest first (such an action is then simply due again). */
const MAX_RECORDS = 5_000;

export class StatusReads {
  private readonly all: Budget;
  private readonly readers: Budget;
  private readonly attempts = new Map<string, number>();
  private readonly failures = new Map<string, FailedRead>();

  constructor(
    perMinute = STATUS_READS_PER_MINUTE,
    perHour = STATUS_READS_PER_HOUR,
    private readonly now: () => number = Date.now,
    private readonly store: BudgetStore = new MemoryBudgetStore(),
  ) {
    const windows = (share: number) => [
      { limit: Math.max(1, Math.floor(perMinute * share)), windowMs: 60_000 },
      { limit: Math.max(1, Math.floor(perHour * share)), windowMs: 3_600_000 },
    ];
    this.all = { family: "defender.machineActions.statusRead", windows: windows(1) };
    // Readers draw on both: their own half, and the whole.
    this.readers = { family: "defender.machineActions.statusRead.readers", windows: windows(READER_SHARE) };
  }

  /**
   * Whether to read an action's status from Defender now. `createdAt` is when Defender created the action and
   * `lastReadAt` when its status was last stored (a read or a sync). A read is due once the interval for its age
   * has passed since the later of that and the last attempt, and only if the budget has room. A plan to read takes
   * its slot at once, so two tabs polling together cause one read.
   */
  async plan(
    actionId: string,
    createdAt: Date,
    lastReadAt: Date | null,
    opts: { responder?: boolean } = {},
  ): Promise<ReadPlan> {
    const responder = opts.responder ?? true;
    const now = this.now();
    const failure = this.failures.get(actionId) ?? null;
    const skip: ReadPlan = { read: false, error: failure?.error ?? null };
    if (failure && now < failure.notBefore) return skip;
    const last = Math.max(lastReadAt?.getTime() ?? 0, this.attempts.get(actionId) ?? 0);
    if (last && now - last < statusReadIntervalMs(now - createdAt.getTime())) return skip;
    // Taken at once (before the read), so two tabs polling together cause one read.
    this.attempts.delete(actionId);
    this.attempts.set(actionId, now);
    if (this.attempts.size > MAX_RECORDS) this.attempts.delete(this.attempts.keys().next().value!);
    try {
      if (!responder && (await this.store.tryTake(this.readers, now)) > 0) {
        this.attempts.delete(actionId);
        return {
          read: false,
          error:
            failure?.error ??
            "Not refreshed: the rest of Defender's status-read budget is kept for responders; the status shown may be behind.",
        };
      }
      const wait = await this.store.tryTake(this.all, now);
      if (wait > 0) {
        this.attempts.delete(actionId);
        return {
          read: false,
          error:
            failure?.error ??
            `Not refreshed: the console's budget of Defender status reads is used up for now (next in ${Math.ceil(wait / 1000)} s); the status shown may be behind.`,
        };
      }
    } catch (err) {
      // The budget could not be counted (the database is unavailable): no read, and none recorded as attempted.
      this.attempts.delete(actionId);
      throw err;
    }
    return { read: true };
  }

  succeeded(actionId: string): void {
    this.failures.delete(actionId);
    this.attempts.delete(actionId);
  }

  /** A failed read: its reason is reported until a read succeeds; none is tried before Defender's Retry-After. */
  failed(actionId: string, error: string, retryAfterMs: number | null): void {
    const now = this.now();
    this.failures.delete(actionId);
    this.failures.set(actionId, { error, notBefore: now + (retryAfterMs ?? 0) });
    if (this.failures.size > MAX_RECORDS) this.failures.delete(this.failures.keys().next().value!);
  }
}

/** The process's follow-up state, drawing on the budget every console instance shares. */
export const statusReads = processSingleton(
  "statusReads",
  () => new StatusReads(STATUS_READS_PER_MINUTE, STATUS_READS_PER_HOUR, Date.now, budgetStore()),
);
