// What a submitted indicator must look like ("Submit or Update Indicator API", "Indicator resource type",
// "Overview of indicators"). Hand-written validation (the emulator shares no schemas with the console).
import { ApiError } from "../http/errors";

export const INDICATOR_TYPES = [
  "FileSha1",
  "FileSha256",
  "FileMd5",
  "CertificateThumbprint",
  "IpAddress",
  "DomainName",
  "Url",
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const INDICATOR_ACTIONS = [
  "Warn",
  "Block",
  "Audit",
  "Alert",
  "AlertAndBlock",
  "BlockAndRemediate",
  "Allowed",
] as const;
export type IndicatorAction = (typeof INDICATOR_ACTIONS)[number];
export const INDICATOR_SEVERITIES = ["Informational", "Low", "Medium", "High"] as const;

/** Actions per indicator type ("Overview of indicators"); the retired Alert/AlertAndBlock are still accepted. */
const ACTIONS_FOR: Record<IndicatorType, readonly IndicatorAction[]> = {
  FileSha1: ["Allowed", "Audit", "Warn", "Block", "BlockAndRemediate"],
  FileSha256: ["Allowed", "Audit", "Warn", "Block", "BlockAndRemediate"],
  FileMd5: ["Allowed", "Audit", "Warn", "Block", "BlockAndRemediate"],
  CertificateThumbprint: ["Allowed", "BlockAndRemediate"],
  IpAddress: ["Allowed", "Audit", "Warn", "Block"],
  DomainName: ["Allowed", "Audit", "Warn", "Block"],
  Url: ["Allowed", "Audit", "Warn", "Block"],
};
const LEGACY_ACTIONS: readonly IndicatorAction[] = ["Alert", "AlertAndBlock"];

export interface IndicatorDraft {
  indicatorValue: string;
  indicatorType: IndicatorType;
  action: IndicatorAction;
  title: string;
  description: string;
  application: string | null;
  expirationMs: number | null;
  severity: string | null;
  recommendedActions: string | null;
  rbacGroupNames: string[];
  generateAlert: boolean;
  educateUrl: string | null;
}

const HEX_LENGTH: Partial<Record<IndicatorType, number>> = {
  FileSha1: 40,
  FileSha256: 64,
  FileMd5: 32,
  CertificateThumbprint: 40,
};

function validIpv4(v: string): boolean {
  const parts = v.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** IPv6 with all 8 segments; no CIDR, ranges or wildcards ("Indicator resource type"). */
function validIpv6(v: string): boolean {
  const parts = v.split(":");
  return parts.length === 8 && parts.every((p) => /^[0-9a-f]{1,4}$/i.test(p));
}

function validDomain(v: string): boolean {
  return v.length <= 253 && /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/i.test(v);
}

function validUrl(v: string): boolean {
  if (!/^https?:\/\//i.test(v)) return validDomain(v.split("/")[0] ?? "") && v.includes("/");
  try {
    return Boolean(new URL(v).hostname);
  } catch {
    return false;
  }
}

/** Value checks with the codes of "Common Microsoft Defender for Endpoint API errors". */
function checkValue(type: IndicatorType, value: string): void {
  const hex = HEX_LENGTH[type];
  if (hex !== undefined) {
    if (!new RegExp(`^[0-9a-f]{${hex}}$`, "i").test(value))
      throw new ApiError(400, "InvalidHashValue", `Hash value ${value} is invalid.`);
  } else if (type === "IpAddress") {
    if (!validIpv4(value) && !validIpv6(value))
      throw new ApiError(400, "InvalidIpAddress", `IP address ${value} is invalid.`);
  } else if (type === "DomainName") {
    if (!validDomain(value)) throw new ApiError(400, "InvalidDomainName", `Domain name ${value} is invalid.`);
  } else if (!validUrl(value)) throw new ApiError(400, "InvalidUrl", `URL ${value} is invalid.`);
}

function optionalText(o: Record<string, unknown>, key: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw new ApiError(400, "InvalidInput", `Invalid input ${key}: expected a string.`);
  return v;
}

function requiredText(o: Record<string, unknown>, key: string): string {
  const v = optionalText(o, key);
  if (v === null) throw new ApiError(400, "MissingRequiredParameter", `Parameter ${key} is missing.`);
  return v;
}

function oneOf<T extends string>(o: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  const v = requiredText(o, key);
  if (!allowed.includes(v as T))
    throw new ApiError(400, "InvalidInput", `Invalid input ${key}: '${v}' is not one of ${allowed.join(", ")}.`);
  return v as T;
}

/** `rbacGroupNames`: a JSON array in the example, a "comma-separated list" in the property table — both accepted. */
function groupNames(o: Record<string, unknown>): string[] {
  const v = o.rbacGroupNames;
  if (v === undefined || v === null) return [];
  if (typeof v === "string")
    return v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  throw new ApiError(400, "InvalidInput", "Invalid input rbacGroupNames: expected a list of device group names.");
}

/** Throws the ApiError the submit call answers; the import reports its message per row. */
export function parseIndicator(input: unknown, nowMs: number): IndicatorDraft {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new ApiError(400, "InvalidRequestBody", "Invalid request body. Expected an indicator object.");
  const o = input as Record<string, unknown>;
  const rawValue = o.indicatorValue;
  if (rawValue === "" || (typeof rawValue === "string" && rawValue.trim() === ""))
    // The wording (and spelling) reported in microsoftgraph/security-api-solutions issue #115.
    throw new ApiError(400, "InvalidInput", "Recieved an empty indicator value.");
  const indicatorValue = requiredText(o, "indicatorValue").trim();
  const indicatorType = oneOf(o, "indicatorType", INDICATOR_TYPES);
  const action = oneOf(o, "action", INDICATOR_ACTIONS);
  const title = requiredText(o, "title");
  const description = requiredText(o, "description");
  checkValue(indicatorType, indicatorValue);
  if (!LEGACY_ACTIONS.includes(action) && !ACTIONS_FOR[indicatorType].includes(action))
    throw new ApiError(
      400,
      "InvalidInput",
      `Invalid input action: '${action}' is not supported for ${indicatorType} indicators (supported: ${ACTIONS_FOR[indicatorType].join(", ")}).`,
    );
  let severity: string | null = null;
  if (o.severity !== undefined && o.severity !== null) severity = oneOf(o, "severity", INDICATOR_SEVERITIES);
  let expirationMs: number | null = null;
  const expiration = optionalText(o, "expirationTime");
  if (expiration !== null) {
    expirationMs = Date.parse(expiration);
    if (Number.isNaN(expirationMs))
      throw new ApiError(400, "InvalidInput", `Invalid input expirationTime: '${expiration}' is not a date-time.`);
    if (expirationMs <= nowMs)
      throw new ApiError(
        400,
        "InvalidInput",
        "Invalid input expirationTime: the expiration time must be in the future.",
      );
  }
  if (o.generateAlert !== undefined && o.generateAlert !== null && typeof o.generateAlert !== "boolean")
    throw new ApiError(400, "InvalidInput", "Invalid input generateAlert: expected true or false.");
  const generateAlert = o.generateAlert === true;
  if (action === "Audit" && !generateAlert)
    throw new ApiError(400, "InvalidInput", "Invalid input generateAlert: it must be true when action is Audit.");
  return {
    indicatorValue,
    indicatorType,
    action,
    title,
    description,
    application: optionalText(o, "application"),
    expirationMs,
    severity,
    recommendedActions: optionalText(o, "recommendedActions"),
    rbacGroupNames: groupNames(o),
    generateAlert,
    educateUrl: optionalText(o, "educateUrl"),
  };
}
