import { z } from "zod";
import { firstOf } from "../http/query-params";

// Client-safe: the vulnerability-management URL grammar, request bodies and DTOs. No server imports here.

export const CVE_SEVERITIES = ["Critical", "High", "Medium", "Low"] as const;
export type CveSeverity = (typeof CVE_SEVERITIES)[number];

/** Trend windows of the dashboard, in days. */
export const TREND_RANGES = ["7", "30", "90", "365"] as const;
export type TrendRange = (typeof TREND_RANGES)[number];
export const DEFAULT_TREND_RANGE: TrendRange = "30";

/** Devices whose Device.rbacGroupName is empty are grouped under this name in every per-group figure. */
export const UNGROUPED = "Ungrouped";

const oneText = firstOf(z.string().trim().max(200).optional());
const group = oneText.transform((v) => v ?? "");

/** `?group=` of a detail page or route: one device group's view of a CVE or recommendation ("" = all groups). */
export const GroupScope = z.object({ group });

/** "?group=…" to carry a device group to another TVM page, or "" for all groups. */
export const groupQuery = (group: string | null | undefined): string =>
  group ? `?group=${encodeURIComponent(group)}` : "";

// ───────────── Dashboard ─────────────

export const DashboardQuery = z.object({
  group,
  range: firstOf(z.enum(TREND_RANGES).default(DEFAULT_TREND_RANGE)),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export function dashboardSearch(q: DashboardQuery): string {
  const s = new URLSearchParams();
  if (q.group) s.set("group", q.group);
  if (q.range !== DEFAULT_TREND_RANGE) s.set("range", q.range);
  return s.toString();
}

export interface ScorePoint {
  day: string; // YYYY-MM-DD
  score: number;
}

export interface ScoreSummary {
  now: number | null;
  /** now minus the first point of the window; null with fewer than two points. */
  change: number | null;
  trend: ScorePoint[];
}

export interface SeverityPoint {
  day: string;
  critical: number;
  high: number;
  medium: number;
  low: number;
}

export interface ExposureBucket {
  level: "High" | "Medium" | "Low" | "None";
  devices: number;
}

export interface VulnerabilityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  total: number;
  exposedDevices: number;
  zeroDay: number;
  exploitable: number;
  day: string;
}

export interface TopRecommendation {
  id: string;
  name: string;
  remediationType: string | null;
  severityScore: number;
  exposureImpact: number;
  configScoreImpact: number;
  exposedDevices: number;
  /** False when the count is Defender's tenant-wide figure (configuration recommendations in a group view). */
  exposedInScope: boolean;
}

export interface TopDevice {
  id: string;
  name: string;
  group: string | null;
  exposureLevel: string | null;
  critical: number;
  high: number;
  medium: number;
  low: number;
}

export interface TopSoftware {
  softwareId: string;
  vendor: string;
  name: string;
  vulnerabilities: number;
  critical: number;
  exposedDevices: number;
}

export interface GroupScore {
  group: string;
  score: number;
}

export interface TvmDashboard {
  /** The group shown: "" (all groups) when the one asked for is not known to the cache. */
  group: string;
  /** A `?group=` naming no known device group (a typo, or a group renamed since a bookmark): shown tenant-wide. */
  unknownGroup: string | null;
  range: TrendRange;
  groups: string[];
  exposure: ScoreSummary;
  /** Secure Score for Devices in percent; Defender reports it tenant-wide only, so null in a group view. */
  secure: ScoreSummary | null;
  groupScores: GroupScore[];
  distribution: ExposureBucket[];
  severityTrend: SeverityPoint[];
  counts: VulnerabilityCounts | null;
  topRecommendations: TopRecommendation[];
  topDevices: TopDevice[];
  topSoftware: TopSoftware[];
  lastSyncAt: string | null;
}

// ───────────── Vulnerabilities ─────────────

export const VULN_SORTS = ["severity", "cvss", "published", "exposed", "id"] as const;
export type VulnSort = (typeof VULN_SORTS)[number];

const flag = firstOf(z.enum(["1", "true"]).optional()).transform((v) => v !== undefined);

export const VulnerabilityView = z.object({
  group,
  q: oneText,
  severity: firstOf(z.enum(CVE_SEVERITIES).optional()),
  exploit: flag,
  zeroDay: flag,
  sort: firstOf(z.enum(VULN_SORTS).default("severity")),
  dir: firstOf(z.enum(["asc", "desc"]).default("desc")),
});
export type VulnerabilityView = z.infer<typeof VulnerabilityView>;

export const VulnerabilityQuery = VulnerabilityView.extend({
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function vulnerabilitySearch(v: VulnerabilityView): URLSearchParams {
  const s = new URLSearchParams();
  if (v.group) s.set("group", v.group);
  if (v.q) s.set("q", v.q);
  if (v.severity) s.set("severity", v.severity);
  if (v.exploit) s.set("exploit", "1");
  if (v.zeroDay) s.set("zeroDay", "1");
  if (v.sort !== "severity") s.set("sort", v.sort);
  if (v.dir !== "desc") s.set("dir", v.dir);
  return s;
}

export interface VulnerabilityRow {
  id: string;
  name: string;
  severity: string;
  cvssV3: number | null;
  publicExploit: boolean;
  exploitVerified: boolean;
  exploitInKit: boolean;
  isZeroDay: boolean;
  publishedOn: string | null;
  exposedDevices: number;
  software: string[];
}

export interface VulnerabilityPage {
  data: VulnerabilityRow[];
  nextCursor: string | null;
}

export const CveRef = z.object({ id: z.string().trim().min(1).max(100) });

export interface ExposedDevice {
  id: string | null; // Device.id; null when the machine is not (yet) in the device cache
  machineId: string;
  name: string;
  group: string | null;
  exposureLevel: string | null;
  software: string;
  fixingKbId: string | null;
  firstSeenAt: string;
}

export interface VulnerabilityDetail extends VulnerabilityRow {
  description: string;
  cvssVector: string | null;
  exploitTypes: string[];
  updatedOn: string | null;
  epss: number | null;
  devices: ExposedDevice[];
  /** More devices are exposed than listed. */
  truncated: boolean;
}

// ───────────── Recommendations and remediation ─────────────

export const REMEDIATION_TYPES = ["Update", "Upgrade", "Uninstall", "ConfigurationChange"] as const;

export const RecommendationView = z.object({
  group,
  q: oneText,
  type: firstOf(z.enum(REMEDIATION_TYPES).optional()),
  sort: firstOf(z.enum(["exposure", "secure", "severity", "exposed"]).default("exposure")),
});
export type RecommendationView = z.infer<typeof RecommendationView>;

/** Rows per page of the recommendation list (the server render and "Load more"). */
export const RECOMMENDATION_PAGE_SIZE = 100;

/** GET /api/tvm/recommendations: the view plus keyset paging. */
export const RecommendationQuery = RecommendationView.extend({
  cursor: firstOf(z.string().max(400).optional()),
  limit: firstOf(z.coerce.number().int().min(1).max(500).default(100)),
});

/** The canonical query string of a view (defaults left out), so equal views share a cache key. */
export function recommendationSearch(v: Partial<RecommendationView>): URLSearchParams {
  const s = new URLSearchParams();
  if (v.group) s.set("group", v.group);
  if (v.q) s.set("q", v.q);
  if (v.type) s.set("type", v.type);
  if (v.sort && v.sort !== "exposure") s.set("sort", v.sort);
  return s;
}

export interface RecommendationPage {
  data: RecommendationRow[];
  nextCursor: string | null;
}

export interface RecommendationRow {
  id: string;
  name: string;
  productName: string | null;
  vendor: string | null;
  category: string | null;
  remediationType: string | null;
  severityScore: number;
  exposureImpact: number;
  configScoreImpact: number;
  publicExploit: boolean;
  weaknesses: number;
  exposedDevices: number;
  exposedInScope: boolean;
  totalDevices: number;
}

export const RecommendationRef = z.object({ id: z.string().trim().min(1).max(300) });

export interface RecommendationDetail extends RecommendationRow {
  recommendedVersion: string | null;
  softwareId: string | null;
  devices: ExposedDevice[];
  truncated: boolean;
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Not a date");

export const RemediationRequestInput = z.object({
  recommendationId: z.string().trim().min(1).max(300),
  scope: z.string().trim().max(200).default(""),
  owner: z.string().trim().min(1, "Name an owner").max(200),
  dueOn: isoDay,
  note: z.string().trim().max(2000).default(""),
});
export type RemediationRequestInput = z.infer<typeof RemediationRequestInput>;

/** `/api/tvm/remediation-requests/[id]` */
export const RemediationRef = z.object({ id: z.uuid() });

/** An edit of an open or closed request: reassign (owner), move the due date, rewrite the note; at least one. */
export const RemediationRequestPatch = z
  .object({
    owner: RemediationRequestInput.shape.owner.optional(),
    dueOn: isoDay.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((p) => p.owner !== undefined || p.dueOn !== undefined || p.note !== undefined, {
    message: "give at least one of owner, dueOn, note",
  });
export type RemediationRequestPatch = z.infer<typeof RemediationRequestPatch>;

export const RemediationListQuery = z.object({
  recommendationId: oneText,
});

export interface BurndownPoint {
  day: string;
  /** Devices still exposed on that day (the last sample at or before it); null before the first sample. */
  exposed: number | null;
  /** The straight line from the baseline on the creation day to zero on the due day. */
  ideal: number;
}

export interface RemediationRequestRow {
  id: string;
  recommendationId: string;
  recommendationName: string;
  scope: string;
  owner: string;
  dueOn: string;
  note: string;
  createdByName: string;
  createdAt: string;
  baselineExposed: number;
  exposedNow: number;
  /** Completed: nothing exposed any more. Closed: a Manager closed it (done or no longer wanted); no longer sampled. */
  status: "Open" | "Completed" | "Closed";
  closedAt: string | null;
  closedByName: string | null;
  overdue: boolean;
  burndown: BurndownPoint[];
}
