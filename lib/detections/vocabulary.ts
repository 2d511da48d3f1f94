// Client-safe and zod-free: the words and figures of the detection rules page (lib/detections/schemas holds the zod
// inputs and DTO types).

/**
 * How often a rule runs and how far back each run looks ("Create custom detection rules", learn.microsoft.com/
 * defender-xdr/custom-detection-rules: "Rule frequency"). `period` is the portal's and the deprecated API value,
 * `frequency` the ISO 8601 duration Graph's `schedule.frequency` takes (PT0S for continuous).
 */
export const RULE_FREQUENCIES = [
  { period: "0", frequency: "PT0S", label: "Continuous (NRT)", lookback: "events as they arrive" },
  { period: "1H", frequency: "PT1H", label: "Every hour", lookback: "past 4 hours" },
  { period: "3H", frequency: "PT3H", label: "Every 3 hours", lookback: "past 12 hours" },
  { period: "12H", frequency: "PT12H", label: "Every 12 hours", lookback: "past 48 hours" },
  { period: "24H", frequency: "P1D", label: "Every 24 hours", lookback: "past 30 days" },
] as const;
export type RulePeriod = (typeof RULE_FREQUENCIES)[number]["period"];
export const RULE_PERIODS = RULE_FREQUENCIES.map((f) => f.period) as [RulePeriod, ...RulePeriod[]];

export function frequencyLabel(frequency: string | null): string {
  if (!frequency) return "—";
  const f = RULE_FREQUENCIES.find((x) => x.frequency === frequency || (frequency === "PT24H" && x.period === "24H"));
  return f?.label ?? frequency;
}

export function periodOf(frequency: string | null): RulePeriod {
  return RULE_FREQUENCIES.find((x) => x.frequency === frequency)?.period ?? "24H";
}

export const RULE_SEVERITIES = ["informational", "low", "medium", "high"] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

/** MITRE ATT&CK tactics as Defender's alert categories name them. */
export const RULE_CATEGORIES = [
  "InitialAccess",
  "Execution",
  "Persistence",
  "PrivilegeEscalation",
  "DefenseEvasion",
  "CredentialAccess",
  "Discovery",
  "LateralMovement",
  "Collection",
  "CommandAndControl",
  "Exfiltration",
  "Impact",
] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/**
 * The entities the form maps, each to Graph's entityMappings collection and the column properties offered
 * ("entityMappingConfiguration resource type"): every value names a result column.
 */
export const ENTITY_MAPPINGS = [
  {
    collection: "hosts",
    label: "Device",
    fields: [
      ["deviceIdColumn", "Device id"],
      ["nameColumn", "Device name"],
    ],
  },
  {
    collection: "accounts",
    label: "Account",
    fields: [
      ["nameColumn", "Account name"],
      ["upnColumn", "UPN"],
      ["sidColumn", "SID"],
    ],
  },
  {
    collection: "files",
    label: "File",
    fields: [
      ["nameColumn", "File name"],
      ["sha1Column", "SHA-1"],
      ["sha256Column", "SHA-256"],
    ],
  },
  { collection: "ips", label: "IP address", fields: [["addressColumn", "Address"]] },
  { collection: "urls", label: "URL", fields: [["addressColumn", "Address"]] },
] as const;
export type EntityCollection = (typeof ENTITY_MAPPINGS)[number]["collection"];

/** A custom detection run raises at most this many alerts ("Create custom detection rules": limits). */
export const ALERTS_PER_RUN = 150;

/** The alert queue filtered to the alerts a rule raised (Defender links them by the rule's detectorId). */
export function ruleAlertsHref(detectorId: string): string {
  return `/alerts?detector=${encodeURIComponent(detectorId)}&range=90d`;
}
