// Custom indicators ("Indicator resource type"). A submit with the value and type of an existing indicator
// updates it ("Submit or Update Indicator API"; which key matches is not documented — value and type here). At most
// 15,000 active (unexpired) indicators per tenant ("Overview of indicators").
import { isoTime, DAY_MS, type EmulatedClock } from "../clock";
import { ApiError } from "../http/errors";
import { Rng } from "../random";
import type { DeviceGroup } from "../tenant/model";
import type { IndicatorDraft, IndicatorType } from "./indicator-rules";

export const MAX_ACTIVE_INDICATORS = 15_000;

export interface Indicator extends IndicatorDraft {
  id: string;
  sourceType: "User" | "AadApp";
  source: string;
  createdBy: string;
  /** The app that created it through the API: Ti.ReadWrite callers see only their own. */
  createdByApp: string | null;
  lastUpdatedBy: string;
  createdMs: number;
  lastUpdateMs: number;
  rbacGroupIds: string[];
}

export interface Author {
  name: string;
  clientId: string;
  kind: "app" | "user";
}

const SEED_TYPES: IndicatorType[] = ["FileSha256", "FileSha1", "IpAddress", "DomainName", "Url", "FileMd5"];

export class IndicatorStore {
  readonly all: Indicator[] = [];
  private byKey = new Map<string, Indicator>();
  private byId = new Map<string, Indicator>();
  private nextId = 1000;
  private changes = 0;

  constructor(
    seed: string,
    anchorMs: number,
    private readonly groups: DeviceGroup[],
    private readonly clock: EmulatedClock,
    count: number,
  ) {
    const rng = new Rng(`${seed}:indicators`);
    for (let i = 0; i < count; i++) {
      const type = SEED_TYPES[i % SEED_TYPES.length]!;
      const createdMs = anchorMs - rng.int(1, 120) * DAY_MS;
      const draft: IndicatorDraft = {
        indicatorValue: seedValue(type, i, rng),
        indicatorType: type,
        action: type.startsWith("File")
          ? i % 4 === 0
            ? "BlockAndRemediate"
            : "Block"
          : i % 5 === 0
            ? "Audit"
            : "Block",
        title: `Threat intel ${type} #${i + 1}`,
        description: "Imported from the SOC threat intelligence feed.",
        application: null,
        // A few expired ones: they no longer count against the cap.
        expirationMs: i % 7 === 3 ? createdMs + 30 * DAY_MS : null,
        severity: (["Informational", "Low", "Medium", "High"] as const)[i % 4]!,
        recommendedActions: null,
        rbacGroupNames: [],
        generateAlert: i % 5 === 0,
        educateUrl: null,
      };
      this.insert(draft, { name: "admin@contoso.example", clientId: "", kind: "user" }, createdMs);
    }
  }

  version(): number {
    return this.changes;
  }

  activeCount(): number {
    const now = this.clock.now();
    let n = 0;
    for (const i of this.all) if (i.expirationMs === null || i.expirationMs > now) n++;
    return n;
  }

  get(id: string): Indicator | undefined {
    return this.byId.get(id);
  }

  private key(type: string, value: string): string {
    return `${type}|${value.toLowerCase()}`;
  }

  existing(draft: IndicatorDraft): Indicator | undefined {
    return this.byKey.get(this.key(draft.indicatorType, draft.indicatorValue));
  }

  /** Creates or updates; a new one past the cap is refused (the real error is not documented; see README).
   *  `active` saves a recount when a caller (the import) already keeps it. */
  submit(draft: IndicatorDraft, author: Author, active?: number): Indicator {
    const current = this.existing(draft);
    if (current) {
      Object.assign(current, draft, {
        // "application" can only be set on new indicators ("Indicator resource type").
        application: current.application,
        rbacGroupIds: this.groupIds(draft.rbacGroupNames),
        lastUpdatedBy: author.name,
        lastUpdateMs: this.clock.now(),
      });
      this.changes++;
      return current;
    }
    if ((active ?? this.activeCount()) >= MAX_ACTIVE_INDICATORS) throw capReached();
    return this.insert(draft, author, this.clock.now());
  }

  private insert(draft: IndicatorDraft, author: Author, nowMs: number): Indicator {
    const app = author.kind === "app";
    const ind: Indicator = {
      ...draft,
      id: String(this.nextId++),
      sourceType: app ? "AadApp" : "User",
      source: app ? author.clientId : author.name,
      createdBy: author.name,
      createdByApp: app ? author.clientId : null,
      lastUpdatedBy: author.name,
      createdMs: nowMs,
      lastUpdateMs: nowMs,
      rbacGroupIds: this.groupIds(draft.rbacGroupNames),
    };
    this.all.push(ind);
    this.byId.set(ind.id, ind);
    this.byKey.set(this.key(ind.indicatorType, ind.indicatorValue), ind);
    this.changes++;
    return ind;
  }

  private groupIds(names: string[]): string[] {
    return names.flatMap((n) => {
      const g = this.groups.find((x) => x.name.toLowerCase() === n.toLowerCase());
      return g ? [String(g.id)] : [];
    });
  }

  delete(ids: string[]): void {
    const gone = new Set(ids);
    for (const id of gone) {
      const ind = this.byId.get(id);
      if (!ind) continue;
      this.byId.delete(id);
      this.byKey.delete(this.key(ind.indicatorType, ind.indicatorValue));
    }
    const kept = this.all.filter((i) => !gone.has(i.id));
    this.all.length = 0;
    this.all.push(...kept);
    this.changes++;
  }

  /** Property order of the "List Indicators API" example, plus the table's other properties. */
  json(i: Indicator): Record<string, unknown> {
    return {
      id: i.id,
      indicatorValue: i.indicatorValue,
      indicatorType: i.indicatorType,
      action: i.action,
      application: i.application,
      // The examples spell the creator's source `source`, the property table `createdBySource`: both are sent.
      source: i.source,
      createdBySource: i.source,
      sourceType: i.sourceType,
      title: i.title,
      creationTimeDateTimeUtc: isoTime(i.createdMs),
      createdBy: i.createdBy,
      expirationTime: i.expirationMs === null ? null : new Date(i.expirationMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
      lastUpdateTime: isoTime(i.lastUpdateMs),
      lastUpdatedBy: i.lastUpdatedBy,
      severity: i.severity,
      description: i.description,
      recommendedActions: i.recommendedActions,
      rbacGroupNames: i.rbacGroupNames,
      rbacGroupIds: i.rbacGroupIds,
      generateAlert: i.generateAlert,
      externalID: null,
    };
  }
}

export function capReached(): ApiError {
  return new ApiError(
    400,
    "BadRequest",
    `The tenant has reached the limit of ${MAX_ACTIVE_INDICATORS} active indicators. Delete indicators before adding new ones.`,
  );
}

function seedValue(type: IndicatorType, i: number, rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[rng.int(0, 15)]).join("");
  switch (type) {
    case "FileSha256":
      return hex(64);
    case "FileSha1":
      return hex(40);
    case "FileMd5":
      return hex(32);
    case "IpAddress":
      return `203.0.113.${10 + i}`;
    case "DomainName":
      return `c2-${hex(6)}.example.tk`;
    default:
      return `https://phish-${hex(6)}.example.com/login`;
  }
}
