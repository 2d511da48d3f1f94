// Calls served per endpoint family and per route template, for tests that count a sync's calls.

export interface StatsSnapshot {
  total: number;
  byFamily: Record<string, number>;
  byRoute: Record<string, number>;
  byRouteStatus: Record<string, Record<string, number>>;
  since: string;
}

export class Stats {
  private total = 0;
  private byFamily: Record<string, number> = {};
  private byRoute: Record<string, number> = {};
  private byRouteStatus: Record<string, Record<string, number>> = {};
  private since = new Date();

  record(route: string, family: string): void {
    this.total++;
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
    this.byFamily[family] = (this.byFamily[family] ?? 0) + 1;
  }

  recordStatus(route: string, status: string): void {
    const s = (this.byRouteStatus[route] ??= {});
    s[status] = (s[status] ?? 0) + 1;
  }

  reset(): void {
    this.total = 0;
    this.byFamily = {};
    this.byRoute = {};
    this.byRouteStatus = {};
    this.since = new Date();
  }

  snapshot(): StatsSnapshot {
    return {
      total: this.total,
      byFamily: { ...this.byFamily },
      byRoute: { ...this.byRoute },
      byRouteStatus: JSON.parse(JSON.stringify(this.byRouteStatus)) as Record<string, Record<string, number>>,
      since: this.since.toISOString(),
    };
  }
}
