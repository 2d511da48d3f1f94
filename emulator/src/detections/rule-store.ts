// The tenant's custom detection rules and their schedule. Rules run against the hunting tables on the emulated clock
// ("Create custom detection rules"): a new rule first looks back 30 days; then every frequency with its lookback
// (1H → 4 h, 3H → 12 h, 12H → 48 h, 24H → 30 days); continuous rules every minute over what arrived since the previous
// run. A run raises at most 150 alerts; the same event and entities never alert twice. The outcome is kept as the
// (deprecated) lastRunDetails with the documented huntingRuleErrorCode values.
import type { ApiEnv } from "../api-env";
import { DAY_MS, MINUTE_MS } from "../clock";
import { runHunting, type HuntingResult } from "../hunting/engine";
import { Rng } from "../random";
import { readRuleInput, RuleInputError, type RuleInput } from "./rule-body";
import { raiseAlert, rowDevice } from "./rule-alerts";
import { requiredColumnsFor } from "./query-check";
import {
  CONTINUOUS_INTERVAL_MS,
  FIRST_RUN_LOOKBACK_MS,
  frequencyEntry,
  type DetectionRule,
  type RunDetails,
} from "./rule";

export const ALERTS_PER_RUN = 150;
/** Advanced hunting's portal timeout, which custom detection queries share ("Advanced hunting quotas"). */
const RUN_TIMEOUT_MS = 10 * MINUTE_MS;
const RETENTION_MS = 30 * DAY_MS;

export class DetectionRuleStore {
  readonly rules: DetectionRule[] = [];
  version = 0;
  private nextLegacyId = 35_000;

  constructor(private readonly env: ApiEnv) {}

  find(id: string): DetectionRule | undefined {
    return this.rules.find((r) => r.id === id);
  }

  private groups(): string[] {
    return [...new Set(this.env.tenant.machines.map((m) => m.group.name))];
  }

  private checkUnique(input: RuleInput, self: DetectionRule | null): void {
    for (const r of this.rules) {
      if (r === self) continue;
      if (r.id === input.id) throw new RuleInputError(409, `A detection rule with id '${input.id}' already exists.`);
      if (r.displayName.toLowerCase() === input.displayName.toLowerCase())
        throw new RuleInputError(409, `A detection rule named '${input.displayName}' already exists.`);
      if (r.action.alertTemplate.title.toLowerCase() === input.action.alertTemplate.title.toLowerCase())
        throw new RuleInputError(
          400,
          `The alert title '${input.action.alertTemplate.title}' is already used by rule '${r.displayName}'; alert titles must be unique.`,
        );
    }
  }

  create(body: Record<string, unknown>, actor: string): DetectionRule {
    const input = readRuleInput(body, null, this.groups());
    this.checkUnique(input, null);
    const now = this.env.clock.now();
    const id = input.id ?? String(this.nextLegacyId++);
    const rule: DetectionRule = {
      id,
      displayName: input.displayName,
      description: input.description,
      status: input.status,
      queryText: input.queryText,
      sourceTable: input.sourceTable,
      queryModifiedMs: now,
      frequencyMs: input.frequencyMs,
      action: input.action,
      createdBy: actor,
      createdMs: now,
      lastModifiedBy: actor,
      lastModifiedMs: now,
      detectorId: new Rng(`${this.env.tenant.seed}:detector:${id}`).guid(),
      // "Every new rule first runs over the past 30 days when saved": due at once.
      nextRunMs: now,
      lastWindowEndMs: null,
      lastRun: { lastRunMs: null, status: null, failureReason: null, errorCode: null },
      alerted: new Set(),
    };
    this.rules.push(rule);
    this.version++;
    return rule;
  }

  update(rule: DetectionRule, body: Record<string, unknown>, actor: string): DetectionRule {
    const base: RuleInput = { ...rule, legacy: false };
    const input = readRuleInput(body, base, this.groups());
    this.checkUnique(input, rule);
    const now = this.env.clock.now();
    if (input.queryText !== rule.queryText) rule.queryModifiedMs = now;
    if (input.frequencyMs !== rule.frequencyMs)
      rule.nextRunMs = Math.max(now, (rule.lastRun.lastRunMs ?? now) + (input.frequencyMs || CONTINUOUS_INTERVAL_MS));
    Object.assign(rule, {
      displayName: input.displayName,
      description: input.description,
      status: input.status,
      queryText: input.queryText,
      sourceTable: input.sourceTable,
      frequencyMs: input.frequencyMs,
      action: input.action,
      lastModifiedBy: actor,
      lastModifiedMs: now,
    });
    this.version++;
    return rule;
  }

  delete(rule: DetectionRule): void {
    this.rules.splice(this.rules.indexOf(rule), 1);
    this.version++;
  }

  /** Runs every enabled rule whose time has come (once, at the emulated now, however far the clock jumped). */
  runDue(): void {
    const now = this.env.clock.now();
    for (const rule of this.rules) {
      if (rule.status !== "enabled" || rule.nextRunMs > now) continue;
      this.run(rule, now);
      const interval = rule.frequencyMs || CONTINUOUS_INTERVAL_MS;
      rule.nextRunMs += Math.ceil((now - rule.nextRunMs + 1) / interval) * interval;
      this.version++;
    }
  }

  private run(rule: DetectionRule, now: number): void {
    const lookback =
      rule.lastWindowEndMs === null
        ? FIRST_RUN_LOOKBACK_MS
        : rule.frequencyMs === 0
          ? Math.max(CONTINUOUS_INTERVAL_MS, now - rule.lastWindowEndMs)
          : frequencyEntry(rule.frequencyMs).lookbackMs;
    const from = Math.max(now - lookback, now - RETENTION_MS);
    rule.lastWindowEndMs = now;
    const outcome = runHunting(rule.queryText, {
      now,
      from,
      to: now,
      timeoutMs: this.env.faults.spec.huntingTimeoutMs ?? RUN_TIMEOUT_MS,
      openTable: (name, ctx, range) => this.env.huntingData().open(name, ctx, range),
    });
    if ("kind" in outcome) {
      rule.lastRun =
        outcome.kind === "timeout"
          ? failed(now, "queryTimeout", "Query took longer than the assigned timeout and was aborted.")
          : failed(now, "queryExecutionFailed", outcome.message);
      return;
    }
    rule.lastRun = this.raiseAlerts(rule, outcome as HuntingResult, from, now);
  }

  private raiseAlerts(rule: DetectionRule, result: HuntingResult, from: number, now: number): RunDetails {
    const tenant = this.env.tenant;
    const identity = [
      ...requiredColumnsFor(rule.sourceTable),
      ...Object.values(rule.action.alertTemplate.entityMappings).flatMap((l) => l.flatMap((m) => Object.values(m))),
      ...Object.values(rule.action.alertTemplate.customDetails ?? {}),
    ];
    const scope = rule.action.organizationalScope?.scopeNames ?? null;
    let raised = 0;
    let unmatched = 0;
    let capped = 0;
    for (const row of result.results) {
      const eventMs = Date.parse(String(row.Timestamp ?? ""));
      const device = rowDevice(tenant, rule, row);
      if (Number.isNaN(eventMs) || !device) {
        unmatched++;
        continue;
      }
      // "Results outside of the lookback period are ignored."
      if (eventMs < from || eventMs > now) continue;
      if (scope && !scope.includes(device.group.name)) continue;
      const key = JSON.stringify(identity.map((c) => row[c] ?? null));
      if (rule.alerted.has(key)) continue;
      if (raised >= ALERTS_PER_RUN) {
        capped++;
        continue;
      }
      raiseAlert(tenant, rule, row, device, eventMs, now);
      rule.alerted.add(key);
      raised++;
    }
    if (capped)
      return {
        lastRunMs: now,
        status: "partiallyFailed",
        errorCode: "queryExceededResultSize",
        failureReason: `Result size limit exceeded. Only the first ${ALERTS_PER_RUN} query results were processed.`,
      };
    if (unmatched && !raised)
      return failed(
        now,
        "alertReportNotFound",
        "An event couldn't be matched to the given Timestamp, DeviceId, or ReportId. Check the query for aggregation expressions on those columns.",
      );
    if (unmatched)
      return {
        lastRunMs: now,
        status: "partiallyFailed",
        errorCode: "partialRowsFailed",
        failureReason: `Only a subset of results could be processed to alerts (${unmatched} of ${result.results.length} rows could not be matched to a device).`,
      };
    return { lastRunMs: now, status: "completed", failureReason: null, errorCode: null };
  }
}

function failed(now: number, errorCode: RunDetails["errorCode"], failureReason: string): RunDetails {
  return { lastRunMs: now, status: "failed", errorCode, failureReason };
}
