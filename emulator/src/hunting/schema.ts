// Column lists of the advanced hunting tables the emulator serves, in the order of Microsoft's schema reference pages
// ("AlertInfo", "AlertEvidence", "DeviceInfo", "DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents",
// "DeviceEvents", "DeviceLogonEvents", "DeviceRegistryEvents", "DeviceTvmSoftwareVulnerabilities",
// "DeviceTvmSoftwareVulnerabilitiesKB" under learn.microsoft.com/defender-xdr/advanced-hunting-*-table).
// Types are Kusto scalar type names.

export type KustoType = "string" | "long" | "int" | "real" | "bool" | "datetime" | "timespan" | "dynamic" | "guid";

export interface TableSchema {
  name: string;
  description: string;
  columns: { name: string; type: KustoType }[];
}

const cols = (spec: string) =>
  spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name, type] = s.split(":");
      return { name: name!, type: (type ?? "string") as KustoType };
    });

const VERSION_INFO = (prefix: string) =>
  ["CompanyName", "ProductName", "ProductVersion", "InternalFileName", "OriginalFileName", "FileDescription"]
    .map((c) => `${prefix}VersionInfo${c}`)
    .join(",");

const INITIATING_ACCOUNT =
  "InitiatingProcessAccountDomain,InitiatingProcessAccountName,InitiatingProcessAccountSid,InitiatingProcessAccountUpn,InitiatingProcessAccountObjectId";
const INITIATING_PROCESS = `InitiatingProcessMD5,InitiatingProcessSHA1,InitiatingProcessSHA256,InitiatingProcessFolderPath,InitiatingProcessFileName,InitiatingProcessFileSize:long,${VERSION_INFO("InitiatingProcess")},InitiatingProcessId:long,InitiatingProcessCommandLine,InitiatingProcessCreationTime:datetime,InitiatingProcessIntegrityLevel,InitiatingProcessTokenElevation,InitiatingProcessParentId:long,InitiatingProcessParentFileName,InitiatingProcessParentCreationTime:datetime`;
const REMOTE_SESSION =
  "InitiatingProcessSessionId:long,IsInitiatingProcessRemoteSession:bool,InitiatingProcessRemoteSessionDeviceName,InitiatingProcessRemoteSessionIP";

export const HUNTING_TABLES: TableSchema[] = [
  {
    name: "AlertInfo",
    description:
      "Alerts from Microsoft Defender for Endpoint and the other Defender services, including severity information and threat categorization",
    columns: cols("Timestamp:datetime,AlertId,Title,Category,Severity,ServiceSource,DetectionSource,AttackTechniques"),
  },
  {
    name: "AlertEvidence",
    description: "Files, IP addresses, URLs, users, or devices associated with alerts",
    columns: cols(
      "Timestamp:datetime,AlertId,Title,Categories,AttackTechniques,ServiceSource,DetectionSource,EntityType,EvidenceRole,EvidenceDirection,FileName,FolderPath,SHA1,SHA256,FileSize:long,ThreatFamily,RemoteIP,RemoteUrl,AccountName,AccountDomain,AccountSid,AccountObjectId,AccountUpn,DeviceId,DeviceName,LocalIP,NetworkMessageId,EmailSubject,Application,ApplicationId:int,OAuthApplicationId,ProcessCommandLine,RegistryKey,RegistryValueName,RegistryValueData,AdditionalFields,Severity,CloudResource,CloudPlatform,ResourceType,ResourceID,SubscriptionId",
    ),
  },
  {
    name: "DeviceInfo",
    description: "Machine information, including OS information",
    columns: cols(
      "Timestamp:datetime,DeviceId,DeviceName,ClientVersion,PublicIP,OSArchitecture,OSPlatform,OSBuild:long,IsAzureADJoined:bool,JoinType,AadDeviceId,LoggedOnUsers,RegistryDeviceTag,OSVersion,MachineGroup,ReportId:long,OnboardingStatus,AdditionalFields,DeviceCategory,DeviceType,DeviceSubtype,Model,Vendor,OSDistribution,OSVersionInfo,MergedDeviceIds,MergedToDeviceId,IsInternetFacing:bool,SensorHealthState,IsExcluded:bool,ExclusionReason,ExposureLevel,AssetValue,DeviceManualTags,DeviceDynamicTags,ConnectivityType,HostDeviceId",
    ),
  },
  {
    name: "DeviceProcessEvents",
    description: "Process creation and related events",
    columns: cols(
      `Timestamp:datetime,DeviceId,DeviceName,ActionType,FileName,FolderPath,SHA1,SHA256,MD5,FileSize:long,${VERSION_INFO("Process")},ProcessId:long,ProcessCommandLine,ProcessIntegrityLevel,ProcessTokenElevation,ProcessCreationTime:datetime,AccountDomain,AccountName,AccountSid,AccountUpn,AccountObjectId,LogonId:long,${INITIATING_ACCOUNT},InitiatingProcessLogonId:long,${INITIATING_PROCESS},InitiatingProcessSignerType,InitiatingProcessSignatureStatus,ReportId:long,AppGuardContainerId,AdditionalFields,${REMOTE_SESSION},CreatedProcessSessionId:long,IsProcessRemoteSession:bool,ProcessRemoteSessionDeviceName,ProcessRemoteSessionIP`,
    ),
  },
  {
    name: "DeviceNetworkEvents",
    description: "Network connection and related events",
    columns: cols(
      `Timestamp:datetime,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort:int,RemoteUrl,LocalIP,LocalPort:int,Protocol,LocalIPType,RemoteIPType,${INITIATING_PROCESS},${INITIATING_ACCOUNT},ReportId:long,AppGuardContainerId,AdditionalFields,${REMOTE_SESSION}`,
    ),
  },
  {
    name: "DeviceFileEvents",
    description: "File creation, modification, and other file system events",
    columns: cols(
      `Timestamp:datetime,DeviceId,DeviceName,ActionType,FileName,FolderPath,SHA1,SHA256,MD5,FileOriginUrl,FileOriginReferrerUrl,FileOriginIP,PreviousFolderPath,PreviousFileName,FileSize:long,${INITIATING_ACCOUNT},${INITIATING_PROCESS},RequestProtocol,RequestSourceIP,RequestSourcePort:int,RequestAccountName,RequestAccountDomain,RequestAccountSid,ShareName,SensitivityLabel,SensitivitySubLabel,IsAzureInfoProtectionApplied:bool,ReportId:long,AppGuardContainerId,AdditionalFields,${REMOTE_SESSION}`,
    ),
  },
  {
    name: "DeviceEvents",
    description:
      "Multiple event types, including events triggered by security controls such as Microsoft Defender Antivirus and exploit protection",
    columns: cols(
      `Timestamp:datetime,DeviceId,DeviceName,ActionType,FileName,FolderPath,SHA1,SHA256,MD5,FileSize:long,AccountDomain,AccountName,AccountSid,RemoteUrl,RemoteDeviceName,ProcessId:long,ProcessCommandLine,ProcessCreationTime:datetime,ProcessTokenElevation,LogonId:long,RegistryKey,RegistryValueName,RegistryValueData,RemoteIP,RemotePort:int,LocalIP,LocalPort:int,FileOriginUrl,FileOriginIP,${INITIATING_PROCESS},${INITIATING_ACCOUNT},InitiatingProcessLogonId:long,ReportId:long,AppGuardContainerId,AdditionalFields,${REMOTE_SESSION},CreatedProcessSessionId:long,IsProcessRemoteSession:bool,ProcessRemoteSessionDeviceName,ProcessRemoteSessionIP`,
    ),
  },
  {
    name: "DeviceLogonEvents",
    description: "Sign-ins and other authentication events on devices",
    columns: cols(
      `Timestamp:datetime,DeviceId,DeviceName,ActionType,LogonType,AccountDomain,AccountName,AccountSid,Protocol,FailureReason,IsLocalAdmin:bool,LogonId:long,RemoteDeviceName,RemoteIP,RemoteIPType,RemotePort:int,${INITIATING_ACCOUNT},${INITIATING_PROCESS},ReportId:long,AppGuardContainerId,AdditionalFields,${REMOTE_SESSION}`,
    ),
  },
  {
    name: "DeviceRegistryEvents",
    description: "Creation and modification of registry entries",
    columns: cols(
      `Timestamp:datetime,DeviceId,DeviceName,ActionType,RegistryKey,RegistryValueType,RegistryValueName,RegistryValueData,PreviousRegistryKey,PreviousRegistryValueName,PreviousRegistryValueData,${INITIATING_ACCOUNT},${INITIATING_PROCESS},ReportId:long,AppGuardContainerId,${REMOTE_SESSION}`,
    ),
  },
  {
    name: "DeviceTvmSoftwareVulnerabilities",
    description:
      "Software vulnerabilities found on devices and the list of available security updates that address each vulnerability",
    columns: cols(
      "DeviceId,DeviceName,OSPlatform,OSVersion,OSArchitecture,SoftwareVendor,SoftwareName,SoftwareVersion,CveId,VulnerabilitySeverityLevel,RecommendedSecurityUpdate,RecommendedSecurityUpdateId,CveTags:dynamic",
    ),
  },
  {
    name: "DeviceTvmSoftwareVulnerabilitiesKB",
    description:
      "Knowledge base of publicly disclosed vulnerabilities, including whether exploit code is publicly available",
    columns: cols(
      "CveId,CvssScore,IsExploitAvailable:bool,VulnerabilitySeverityLevel,LastModifiedTime:datetime,PublishedDate:datetime,VulnerabilityDescription,AffectedSoftware:dynamic",
    ),
  },
];

export const TABLE_BY_NAME = new Map(HUNTING_TABLES.map((t) => [t.name, t]));

/** Kusto type → the `type` strings of the hunting API schema (DateTime, String… as in "runHuntingQuery"). */
export const API_TYPE: Record<string, string> = {
  string: "String",
  long: "Int64",
  int: "Int32",
  real: "Double",
  decimal: "Decimal",
  bool: "Boolean",
  datetime: "DateTime",
  timespan: "TimeSpan",
  dynamic: "Dynamic",
  guid: "Guid",
};
