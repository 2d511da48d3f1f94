// entityMappingConfiguration ("entityMappingConfiguration resource type" and its entityMapping subtypes): which
// `…Column` properties each collection takes, and the legacy impactedAssets ↔ entityMappings correspondence
// ("impactedDeviceAsset", "impactedUserAsset", "impactedMailboxAsset": the identifier names the result column).
export const MAPPING_COLUMNS: Record<string, readonly string[]> = {
  accounts: [
    "aadUserIdColumn",
    "dnsDomainColumn",
    "nameColumn",
    "ntDomainColumn",
    "sidColumn",
    "upnColumn",
    "upnSuffixColumn",
  ],
  hosts: ["deviceIdColumn", "dnsDomainColumn", "nameColumn", "netBiosNameColumn", "ntDomainColumn"],
  files: ["nameColumn", "sha1Column", "sha256Column"],
  mailboxes: ["primaryAddressColumn"],
  ips: ["addressColumn", "scopeColumn"],
  processes: ["sha1Column", "sha256Column"],
  mailMessages: ["networkMessageIdColumn", "recipientColumn", "senderColumn", "subjectColumn"],
  urls: ["addressColumn"],
  dns: ["domainNameColumn", "hostIpAddressColumn", "serverIpColumn"],
  registryValues: ["keyColumn", "valueNameColumn"],
  securityGroups: ["distinguishedNameColumn", "objectIdColumn", "sidColumn"],
  cloudApplications: ["appIdColumn", "nameColumn"],
  oAuthApplications: ["oAuthAppIdColumn"],
  azureResources: ["resourceIdColumn"],
  amazonResources: ["amazonResourceIdColumn"],
  googleCloudResources: ["fullResourceNameColumn"],
  mailClusters: ["queryColumn", "sourceColumn"],
};

export const LEGACY_ASSET_IDENTIFIERS: Record<string, readonly string[]> = {
  impactedDeviceAsset: ["deviceId", "deviceName", "remoteDeviceName", "targetDeviceName", "destinationDeviceName"],
  impactedUserAsset: [
    "accountObjectId",
    "accountSid",
    "accountUpn",
    "accountName",
    "accountDomain",
    "accountId",
    "requestAccountSid",
    "requestAccountName",
    "requestAccountDomain",
    "recipientObjectId",
    "processAccountObjectId",
    "initiatingAccountSid",
    "initiatingProcessAccountUpn",
    "initiatingAccountName",
    "initiatingAccountDomain",
    "servicePrincipalId",
    "servicePrincipalName",
    "targetAccountUpn",
  ],
  impactedMailboxAsset: [
    "accountUpn",
    "fileOwnerUpn",
    "initiatingProcessAccountUpn",
    "lastModifyingAccountUpn",
    "targetAccountUpn",
    "senderFromAddress",
    "senderDisplayName",
    "recipientEmailAddress",
    "senderMailFromAddress",
  ],
};

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function userMappingProperty(identifier: string): string {
  if (/Sid$/.test(identifier)) return "sidColumn";
  if (/Upn$/.test(identifier)) return "upnColumn";
  if (/ObjectId$|PrincipalId$/.test(identifier)) return "aadUserIdColumn";
  if (/Domain$/.test(identifier)) return "ntDomainColumn";
  return "nameColumn";
}

/** Legacy impactedAssets (already validated) → the entity mappings they mean. */
export function mappingsFromImpactedAssets(assets: { type: string; identifier: string }[]) {
  const out: Record<string, Record<string, string>[]> = {};
  const add = (collection: string, property: string, column: string) =>
    (out[collection] ??= []).push({ [property]: column });
  for (const { type, identifier } of assets) {
    const column = pascal(identifier);
    if (type === "impactedDeviceAsset")
      add("hosts", identifier === "deviceId" ? "deviceIdColumn" : "nameColumn", column);
    else if (type === "impactedUserAsset") add("accounts", userMappingProperty(identifier), column);
    else add("mailboxes", "primaryAddressColumn", column);
  }
  return out;
}

/** Entity mappings → the legacy impactedAssets a legacy reader expects (only columns with a documented identifier). */
export function impactedAssetsFromMappings(mappings: Record<string, Record<string, string>[]>) {
  const out: Record<string, unknown>[] = [];
  const push = (type: string, column: string | undefined) => {
    if (!column || !LEGACY_ASSET_IDENTIFIERS[type]!.includes(camel(column))) return;
    out.push({ "@odata.type": `#microsoft.graph.security.${type}`, identifier: camel(column) });
  };
  for (const h of mappings.hosts ?? []) push("impactedDeviceAsset", h.deviceIdColumn ?? h.nameColumn);
  for (const a of mappings.accounts ?? [])
    push("impactedUserAsset", a.aadUserIdColumn ?? a.sidColumn ?? a.upnColumn ?? a.nameColumn);
  for (const m of mappings.mailboxes ?? []) push("impactedMailboxAsset", m.primaryAddressColumn);
  return out;
}
