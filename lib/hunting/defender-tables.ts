// The Microsoft Defender XDR advanced hunting tables the editor knows: columns, Kusto types and one-line
// descriptions as documented on Microsoft's schema reference pages, learn.microsoft.com/defender-xdr/
// advanced-hunting-<table>-table (for example "DeviceProcessEvents table in the advanced hunting schema").
// Browser-safe and dependency-free: the KQL worker binds queries against it and the schema panel lists it.

/** Kusto scalar type names as the schema reference pages write them (`boolean` is spelled `bool`). */
export type KustoColumnType =
  "string" | "long" | "int" | "real" | "bool" | "datetime" | "timespan" | "dynamic" | "guid";

export interface DefenderColumn {
  name: string;
  type: KustoColumnType;
  description: string;
}

export interface DefenderTable {
  name: string;
  description: string;
  columns: DefenderColumn[];
}

/** One column a line: `Name type Description`. */
function columns(...blocks: string[]): DefenderColumn[] {
  return blocks
    .join("\n")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, type, ...words] = line.split(" ");
      return { name: name!, type: type as KustoColumnType, description: words.join(" ") };
    });
}

const TIMESTAMP = "Timestamp datetime Date and time when the event was recorded";
const DEVICE = `
DeviceId string Unique identifier for the device in the service
DeviceName string Fully qualified domain name (FQDN) of the device`;
const ACTION_TYPE = "ActionType string Type of activity that triggered the event";
/** The columns every device event table starts with. */
const DEVICE_EVENT = [TIMESTAMP, DEVICE, ACTION_TYPE].join("\n");
const FILE = `
FileName string Name of the file that the recorded action was applied to
FolderPath string Folder containing the file that the recorded action was applied to
SHA1 string SHA-1 of the file that the recorded action was applied to
SHA256 string SHA-256 of the file that the recorded action was applied to; usually not populated, use SHA1 when available
MD5 string MD5 hash of the file that the recorded action was applied to`;
const FILE_SIZE = "FileSize long Size of the file in bytes";
const ACCOUNT = `
AccountDomain string Domain of the account
AccountName string User name of the account
AccountSid string Security Identifier (SID) of the account`;
const LOGON_ID = "LogonId long Identifier for a logon session; unique on the same device only between restarts";
const INITIATING_ACCOUNT = `
InitiatingProcessAccountDomain string Domain of the account that ran the process responsible for the event
InitiatingProcessAccountName string User name of the account that ran the process responsible for the event
InitiatingProcessAccountSid string Security Identifier (SID) of the account that ran the process responsible for the event
InitiatingProcessAccountUpn string User principal name (UPN) of the account that ran the process responsible for the event
InitiatingProcessAccountObjectId string Microsoft Entra object ID of the user account that ran the process responsible for the event`;
const versionInfo = (prefix: string, of: string) =>
  [
    ["CompanyName", "Company name"],
    ["ProductName", "Product name"],
    ["ProductVersion", "Product version"],
    ["InternalFileName", "Internal file name"],
    ["OriginalFileName", "Original file name"],
    ["FileDescription", "Description"],
  ]
    .map(([column, what]) => `${prefix}VersionInfo${column} string ${what} from the version information of ${of}`)
    .join("\n");
const INITIATING_PROCESS = `
InitiatingProcessMD5 string MD5 hash of the process (image file) that initiated the event
InitiatingProcessSHA1 string SHA-1 of the process (image file) that initiated the event
InitiatingProcessSHA256 string SHA-256 of the process (image file) that initiated the event; usually not populated, use the SHA1 column when available
InitiatingProcessFolderPath string Folder containing the process (image file) that initiated the event
InitiatingProcessFileName string Name of the process file that initiated the event
InitiatingProcessFileSize long Size of the file that ran the process responsible for the event
${versionInfo("InitiatingProcess", "the process (image file) responsible for the event")}
InitiatingProcessId long Process ID (PID) of the process that initiated the event
InitiatingProcessCommandLine string Command line used to run the process that initiated the event
InitiatingProcessCreationTime datetime Date and time when the process that initiated the event was started
InitiatingProcessIntegrityLevel string Integrity level of the process that initiated the event
InitiatingProcessTokenElevation string Token type indicating the presence or absence of User Access Control (UAC) privilege elevation applied to the process that initiated the event
InitiatingProcessParentId long Process ID (PID) of the parent process that spawned the process responsible for the event
InitiatingProcessParentFileName string Name of the parent process that spawned the process responsible for the event
InitiatingProcessParentCreationTime datetime Date and time when the parent of the process responsible for the event was started`;
const INITIATING_LOGON_ID =
  "InitiatingProcessLogonId long Identifier for a logon session of the process that initiated the event; unique on the same device only between restarts";
const REPORT_ID =
  "ReportId long Event identifier based on a repeating counter; use with DeviceName and Timestamp to identify unique events";
const APP_GUARD =
  "AppGuardContainerId string Identifier for the virtualized container used by Application Guard to isolate browser activity";
const ADDITIONAL_FIELDS = "AdditionalFields string Additional information about the event in JSON array format";
const INITIATING_REMOTE_SESSION = `
InitiatingProcessSessionId long Windows session ID of the initiating process
IsInitiatingProcessRemoteSession bool Whether the initiating process was run under a remote desktop protocol (RDP) session (true) or locally (false)
InitiatingProcessRemoteSessionDeviceName string Device name of the remote device from which the initiating process's RDP session was initiated
InitiatingProcessRemoteSessionIP string IP address of the remote device from which the initiating process's RDP session was initiated`;
const CREATED_REMOTE_SESSION = `
CreatedProcessSessionId long Windows session ID of the created process
IsProcessRemoteSession bool Whether the created process was run under a remote desktop protocol (RDP) session (true) or locally (false)
ProcessRemoteSessionDeviceName string Device name of the remote device from which the created process's RDP session was initiated
ProcessRemoteSessionIP string IP address of the remote device from which the created process's RDP session was initiated`;
const OS = `
OSPlatform string Platform of the operating system running on the device, such as Windows 11, Windows 10 and Windows 7
OSVersion string Version of the operating system running on the device
OSArchitecture string Architecture of the operating system running on the device`;
const SOFTWARE = `
SoftwareVendor string Name of the software vendor
SoftwareName string Name of the software product
SoftwareVersion string Version number of the software product`;
const CVE = `
CveId string Unique identifier assigned to the security vulnerability under the Common Vulnerabilities and Exposures (CVE) system
VulnerabilitySeverityLevel string Severity level assigned to the security vulnerability based on the CVSS score and dynamic factors influenced by the threat landscape`;
const PROCESS = `
ProcessId long Process ID (PID) of the newly created process
ProcessCommandLine string Command line used to create the new process`;
const PROCESS_CREATION = "ProcessCreationTime datetime Date and time the process was created";
const PROCESS_TOKEN =
  "ProcessTokenElevation string Type of token elevation applied to the newly created process: TokenElevationTypeLimited, TokenElevationTypeDefault or TokenElevationTypeFull";
const REMOTE_IP = "RemoteIP string IP address that was being connected to";
const REMOTE_PORT = "RemotePort int TCP port on the remote device that was being connected to";
const REMOTE_URL = "RemoteUrl string URL or fully qualified domain name (FQDN) that was being connected to";
const LOCAL = `
LocalIP string IP address assigned to the local device used during communication
LocalPort int TCP port on the local device used during communication`;
const REMOTE_DEVICE =
  "RemoteDeviceName string Name of the device that performed a remote operation on the affected device (FQDN, NetBIOS or host name)";
const REGISTRY = `
RegistryKey string Registry key that the recorded action was applied to
RegistryValueName string Name of the registry value that the recorded action was applied to
RegistryValueData string Data of the registry value that the recorded action was applied to`;
const FILE_ORIGIN = `
FileOriginUrl string URL where the file was downloaded from
FileOriginIP string IP address where the file was downloaded from`;
const ALERT = `
AlertId string Unique identifier for the alert
Title string Title of the alert`;
const ALERT_SOURCE = `
ServiceSource string Product or service that provided the alert information
DetectionSource string Detection technology or sensor that identified the notable component or activity`;
const ATTACK_TECHNIQUES =
  "AttackTechniques string MITRE ATT&CK techniques associated with the activity that triggered the alert";
const SEVERITY =
  "Severity string Potential impact (high, medium, or low) of the threat indicator or breach activity identified by the alert";

export const DEFENDER_TABLES: DefenderTable[] = [
  {
    name: "AlertInfo",
    description:
      "Alerts from Microsoft Defender for Endpoint, Office 365, Cloud Apps and Identity, with severity and category",
    columns: columns(
      "Timestamp datetime Date and time when the record was generated",
      ALERT,
      "Category string Type of threat indicator or breach activity identified by the alert",
      SEVERITY,
      ALERT_SOURCE,
      ATTACK_TECHNIQUES,
    ),
  },
  {
    name: "AlertEvidence",
    description: "Files, IP addresses, URLs, users or devices associated with alerts",
    columns: columns(
      TIMESTAMP,
      ALERT,
      `Categories string List of categories that the information belongs to, in JSON array format
${ATTACK_TECHNIQUES}
${ALERT_SOURCE}
EntityType string Type of object, such as a file, a process, a device, or a user
EvidenceRole string How the entity is involved in an alert: impacted or merely related
EvidenceDirection string Whether the entity is the source or the destination of a network connection
FileName string Name of the file that the recorded action was applied to
FolderPath string Folder containing the file that the recorded action was applied to
SHA1 string SHA-1 of the file that the recorded action was applied to
SHA256 string SHA-256 of the file that the recorded action was applied to; usually not populated, use SHA1 when available
${FILE_SIZE}
ThreatFamily string Malware family that the suspicious or malicious file or process has been classified under
${REMOTE_IP}
${REMOTE_URL}
AccountName string User name of the account
AccountDomain string Domain of the account
AccountSid string Security Identifier (SID) of the account
AccountObjectId string Unique identifier for the account in Microsoft Entra ID
AccountUpn string User principal name (UPN) of the account
${DEVICE}
LocalIP string IP address assigned to the local device used during communication
NetworkMessageId string Unique identifier for the email, generated by Office 365
EmailSubject string Subject of the email
Application string Application that performed the recorded action
ApplicationId int Unique identifier for the application
OAuthApplicationId string Unique identifier of the third-party OAuth application
ProcessCommandLine string Command line used to create the new process
${REGISTRY}
AdditionalFields string Additional information about the entity or event
${SEVERITY}
CloudResource string Cloud resource name
CloudPlatform string Cloud platform the resource belongs to: Azure, Amazon Web Services or Google Cloud Platform
ResourceType string Type of cloud resource
ResourceID string Unique identifier of the cloud resource accessed
SubscriptionId string Unique identifier of the cloud service subscription`,
    ),
  },
  {
    name: "DeviceInfo",
    description: "Device information, including OS version, active users and computer name, from periodic reports",
    columns: columns(
      TIMESTAMP,
      DEVICE,
      `ClientVersion string Version of the endpoint agent or sensor running on the device
PublicIP string Public IP address used by the device to connect to Defender for Endpoint (the device, a NAT device or a proxy)
OSArchitecture string Architecture of the operating system running on the device
OSPlatform string Platform of the operating system running on the device, such as Windows 11, Windows 10 and Windows 7
OSBuild long Build version of the operating system running on the device
IsAzureADJoined bool Whether the device is joined to Microsoft Entra ID
JoinType string The device's Microsoft Entra ID join type
AadDeviceId string Unique identifier for the device in Microsoft Entra ID
LoggedOnUsers string Users logged on the device at the time of the event, in JSON array format
RegistryDeviceTag string Device tag added through the registry
OSVersion string Version of the operating system running on the device
MachineGroup string Machine group of the device, used by role-based access control
${REPORT_ID}
OnboardingStatus string Whether the device is onboarded to Defender for Endpoint, can be onboarded, or is unsupported
${ADDITIONAL_FIELDS}
DeviceCategory string Broad classification: Endpoint, Network device, IoT, Unknown
DeviceType string Type of device, such as network device, workstation, server, mobile, gaming console, or printer
DeviceSubtype string Additional modifier for some device types, such as tablet or smartphone
Model string Model name or number of the product from the vendor or manufacturer
Vendor string Name of the product vendor or manufacturer
OSDistribution string Distribution of the OS platform, such as Ubuntu or RedHat for Linux
OSVersionInfo string Additional information about the OS version, such as the popular name, code name, or version number
MergedDeviceIds string Previous device IDs that have been assigned to the same device
MergedToDeviceId string The most recent device ID assigned to a device
IsInternetFacing bool Whether the device is internet-facing
SensorHealthState string Health of the device's EDR sensor, if onboarded to Defender for Endpoint
IsExcluded bool Whether the device is excluded from Microsoft Defender Vulnerability Management experiences
ExclusionReason string Reason for the device's exclusion
ExposureLevel string The device's level of vulnerability to exploitation based on its exposure score: Low, Medium, High
AssetValue string Priority or value assigned to the device for the exposure score: Low, Normal (default), High
DeviceManualTags string Device tags created manually in the portal or through the API
DeviceDynamicTags string Device tags added and removed by dynamic rules
ConnectivityType string Type of connectivity from the device to the cloud
HostDeviceId string Device ID of the device running Windows Subsystem for Linux`,
    ),
  },
  {
    name: "DeviceNetworkInfo",
    description: "Network configuration of devices: adapters, IP and MAC addresses, connected networks and domains",
    columns: columns(
      TIMESTAMP,
      DEVICE,
      `NetworkAdapterName string Name of the network adapter
MacAddress string MAC address of the network adapter
NetworkAdapterType string Network adapter type
NetworkAdapterStatus string Operational status of the network adapter
TunnelType string Tunneling protocol, if the interface is used for it, such as 6to4, Teredo, ISATAP, PPTP, SSTP and SSH
ConnectedNetworks string Networks the adapter is connected to (name, category, description, internet flag), in JSON array format
DnsAddresses string DNS server addresses in JSON array format
IPv4Dhcp string IPv4 address of DHCP server
IPv6Dhcp string IPv6 address of DHCP server
DefaultGateways string Default gateway addresses in JSON array format
IPAddresses string IP addresses assigned to the adapter, with subnet prefix and address space, in JSON array format
${REPORT_ID}
NetworkAdapterVendor string Name of the manufacturer or vendor of the network adapter`,
    ),
  },
  {
    name: "DeviceProcessEvents",
    description: "Process creation and related events",
    columns: columns(
      DEVICE_EVENT,
      FILE,
      FILE_SIZE,
      versionInfo("Process", "the newly created process"),
      PROCESS,
      `ProcessIntegrityLevel string Integrity level of the newly created process
${PROCESS_TOKEN}
${PROCESS_CREATION}`,
      ACCOUNT,
      `AccountUpn string User principal name (UPN) of the account
AccountObjectId string Unique identifier for the account in Microsoft Entra ID
${LOGON_ID}`,
      INITIATING_ACCOUNT,
      INITIATING_LOGON_ID,
      INITIATING_PROCESS,
      `InitiatingProcessSignerType string Type of file signer of the process (image file) that initiated the event
InitiatingProcessSignatureStatus string Signature status of the process (image file) that initiated the event`,
      REPORT_ID,
      APP_GUARD,
      ADDITIONAL_FIELDS,
      INITIATING_REMOTE_SESSION,
      CREATED_REMOTE_SESSION,
    ),
  },
  {
    name: "DeviceNetworkEvents",
    description: "Network connections and related events",
    columns: columns(
      DEVICE_EVENT,
      REMOTE_IP,
      REMOTE_PORT,
      REMOTE_URL,
      `LocalIP string Source IP, or the IP address where the communication came from
LocalPort int TCP port on the local device used during communication
Protocol string Protocol used during the communication
LocalIPType string Type of IP address: Public, Private, Reserved, Loopback, Teredo, FourToSixMapping, Broadcast
RemoteIPType string Type of IP address: Public, Private, Reserved, Loopback, Teredo, FourToSixMapping, Broadcast`,
      INITIATING_PROCESS,
      INITIATING_ACCOUNT,
      REPORT_ID,
      APP_GUARD,
      ADDITIONAL_FIELDS,
      INITIATING_REMOTE_SESSION,
    ),
  },
  {
    name: "DeviceFileEvents",
    description: "File creation, modification and other file system events",
    columns: columns(
      DEVICE_EVENT,
      FILE,
      `FileOriginUrl string URL where the file was downloaded from
FileOriginReferrerUrl string URL of the web page that links to the downloaded file
FileOriginIP string IP address where the file was downloaded from
PreviousFolderPath string Original folder containing the file before the recorded action was applied
PreviousFileName string Original name of the file that was renamed as a result of the action`,
      FILE_SIZE,
      INITIATING_ACCOUNT,
      INITIATING_PROCESS,
      `RequestProtocol string Network protocol, if applicable, used to initiate the activity: Unknown, Local, SMB, or NFS
RequestSourceIP string IPv4 or IPv6 address of the remote device that initiated the activity
RequestSourcePort int Source port on the remote device that initiated the activity
RequestAccountName string User name of account used to remotely initiate the activity
RequestAccountDomain string Domain of the account used to remotely initiate the activity
RequestAccountSid string Security Identifier (SID) of the account used to remotely initiate the activity
ShareName string Name of shared folder containing the file
SensitivityLabel string Label applied to an email, file, or other content to classify it for information protection
SensitivitySubLabel string Sublabel applied to an email, file, or other content to classify it for information protection
IsAzureInfoProtectionApplied bool Whether the file is encrypted by Azure Information Protection`,
      REPORT_ID,
      APP_GUARD,
      "AdditionalFields string Additional information about the entity or event",
      INITIATING_REMOTE_SESSION,
    ),
  },
  {
    name: "DeviceEvents",
    description:
      "Miscellaneous device events, including those triggered by security controls such as Microsoft Defender Antivirus and exploit protection",
    columns: columns(
      DEVICE_EVENT,
      FILE,
      FILE_SIZE,
      ACCOUNT,
      REMOTE_URL,
      REMOTE_DEVICE,
      PROCESS,
      PROCESS_CREATION,
      PROCESS_TOKEN,
      LOGON_ID,
      REGISTRY,
      REMOTE_IP,
      REMOTE_PORT,
      LOCAL,
      FILE_ORIGIN,
      INITIATING_PROCESS,
      INITIATING_ACCOUNT,
      INITIATING_LOGON_ID,
      REPORT_ID,
      APP_GUARD,
      ADDITIONAL_FIELDS,
      INITIATING_REMOTE_SESSION,
      CREATED_REMOTE_SESSION,
    ),
  },
  {
    name: "DeviceLogonEvents",
    description: "Sign-ins and other authentication events on devices",
    columns: columns(
      DEVICE_EVENT,
      "LogonType string Type of logon session: Interactive, RemoteInteractive (RDP), Network, Batch, Service",
      ACCOUNT,
      `Protocol string Protocol used during the communication
FailureReason string Information explaining why the recorded action failed
IsLocalAdmin bool Whether the user is a local administrator on the device
${LOGON_ID}
${REMOTE_DEVICE}
RemoteIP string IP address of the device from which the logon attempt was performed
RemoteIPType string Type of IP address: Public, Private, Reserved, Loopback, Teredo, FourToSixMapping, Broadcast
${REMOTE_PORT}`,
      INITIATING_ACCOUNT,
      INITIATING_PROCESS,
      REPORT_ID,
      APP_GUARD,
      ADDITIONAL_FIELDS,
      INITIATING_REMOTE_SESSION,
    ),
  },
  {
    name: "DeviceRegistryEvents",
    description: "Creation and modification of registry entries",
    columns: columns(
      DEVICE_EVENT,
      `RegistryKey string Registry key that the recorded action was applied to
RegistryValueType string Data type, such as binary or string, of the registry value that the recorded action was applied to
RegistryValueName string Name of the registry value that the recorded action was applied to
RegistryValueData string Data of the registry value that the recorded action was applied to
PreviousRegistryKey string Original registry key of the registry value before it was modified
PreviousRegistryValueName string Original name of the registry value before it was modified
PreviousRegistryValueData string Original data of the registry value before it was modified`,
      INITIATING_ACCOUNT,
      INITIATING_PROCESS,
      REPORT_ID,
      APP_GUARD,
      INITIATING_REMOTE_SESSION,
    ),
  },
  {
    name: "DeviceImageLoadEvents",
    description: "DLL loading events",
    columns: columns(DEVICE_EVENT, FILE, FILE_SIZE, INITIATING_ACCOUNT, INITIATING_PROCESS, REPORT_ID, APP_GUARD),
  },
  {
    name: "DeviceFileCertificateInfo",
    description: "Certificate information of signed files, from certificate verification on endpoints",
    columns: columns(
      "Timestamp datetime Date and time when the record was generated",
      DEVICE,
      `SHA1 string SHA-1 of the file that the recorded action was applied to
IsSigned bool Whether the file is signed
SignatureType string Whether signature information was read as embedded content in the file or from an external catalog file
Signer string Information about the signer of the file
SignerHash string Unique hash value identifying the signer
Issuer string Information about the issuing certificate authority (CA)
IssuerHash string Unique hash value identifying issuing certificate authority (CA)
CertificateSerialNumber string Identifier for the certificate that is unique to the issuing certificate authority (CA)
CrlDistributionPointUrls string URLs of network shares with certificates and certificate revocation lists (CRLs), in JSON array format
CertificateCreationTime datetime Date and time the certificate was created
CertificateExpirationTime datetime Date and time the certificate is set to expire
CertificateCountersignatureTime datetime Date and time the certificate was countersigned
IsTrusted bool Whether the file is trusted based on the results of the WinVerifyTrust function
IsRootSignerMicrosoft bool Whether the signer of the root certificate is Microsoft and the file is included in Windows
${REPORT_ID}`,
    ),
  },
  {
    name: "DeviceTvmSoftwareVulnerabilities",
    description:
      "Vulnerabilities in installed software found by Microsoft Defender Vulnerability Management, with security updates",
    columns: columns(
      DEVICE,
      OS,
      SOFTWARE,
      CVE,
      `RecommendedSecurityUpdate string Name or description of the security update provided by the software publisher to address the vulnerability
RecommendedSecurityUpdateId string Identifier of the applicable security updates or of the corresponding guidance or knowledge base (KB) articles
CveTags dynamic Array of tags relevant to the CVE, such as ZeroDay, NoSecurityUpdate`,
    ),
  },
  {
    name: "DeviceTvmSoftwareVulnerabilitiesKB",
    description:
      "Knowledge base of vulnerabilities assessed by Defender Vulnerability Management, including exploit availability",
    columns: columns(
      `CveId string Unique identifier assigned to the security vulnerability under the Common Vulnerabilities and Exposures (CVE) system
CvssScore string Severity score assigned to the security vulnerability under the Common Vulnerability Scoring System (CVSS)
IsExploitAvailable bool Whether exploit code for the vulnerability is publicly available
VulnerabilitySeverityLevel string Severity level assigned to the security vulnerability based on the CVSS score and dynamic factors influenced by the threat landscape
LastModifiedTime datetime Date and time the item or related metadata was last modified
PublishedDate datetime Date vulnerability was disclosed to the public
VulnerabilityDescription string Description of the vulnerability and associated risks
AffectedSoftware dynamic List of all software products affected by the vulnerability`,
    ),
  },
  {
    name: "DeviceTvmSoftwareInventory",
    description:
      "Software installed on devices, with end-of-support information, from Defender Vulnerability Management",
    columns: columns(
      DEVICE,
      OS,
      SOFTWARE,
      `EndOfSupportStatus string Lifecycle stage of the software product relative to its end-of-support (EOS) or end-of-life (EOL) date
EndOfSupportDate datetime End-of-support (EOS) or end-of-life (EOL) date of the software product
ProductCodeCpe string Common Platform Enumeration (CPE) name of the software product version, or 'not available'`,
    ),
  },
];
