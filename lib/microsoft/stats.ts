// Call accounting, so the sync can report the calls it used against Microsoft's quotas (issue #4: calls used).

export interface ProviderStats {
  /** HTTP requests sent, retries included. */
  calls: number;
  /** Requests that were repeats of an earlier failed attempt. */
  retries: number;
  /** 429 answers received. */
  throttled: number;
  /** Requests per path (templated: ids replaced by `{id}`). */
  byPath: Record<string, number>;
}

export class StatsRecorder {
  private calls = 0;
  private retries = 0;
  private throttled = 0;
  private byPath = new Map<string, number>();

  call(path: string): void {
    this.calls++;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
  }

  retry(): void {
    this.retries++;
  }

  throttle(): void {
    this.throttled++;
  }

  snapshot(): ProviderStats {
    return {
      calls: this.calls,
      retries: this.retries,
      throttled: this.throttled,
      byPath: Object.fromEntries(this.byPath),
    };
  }
}
