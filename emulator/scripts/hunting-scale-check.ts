// Advanced hunting at scale: time of typical queries over a large generated tenant, and memory.
//   npx tsx emulator/scripts/hunting-scale-check.ts [devices] [alerts]
import { generateTenant } from "../src/tenant/generate";
import { HuntingData } from "../src/hunting/tables/source";
import { runHunting, warmUpHunting } from "../src/hunting/engine";

const devices = Number(process.argv[2] ?? 10_000);
const alerts = Number(process.argv[3] ?? devices * 4);
const anchor = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const t0 = Date.now();
const tenant = generateTenant("contoso", "tenant", anchor, { devices, alerts, vulnsPerDevice: 20 });
const data = new HuntingData(tenant);
const mib = () => Math.round(process.memoryUsage().rss / 1048576);
console.log(JSON.stringify({ step: "generate", devices, alerts, ms: Date.now() - t0, rssMiB: mib() }));

const QUERIES = [
  'DeviceProcessEvents | where Timestamp > ago(7d) | where FileName =~ "powershell.exe" | summarize count() by DeviceName',
  'DeviceProcessEvents | where Timestamp > ago(7d) | where FileName =~ "powershell.exe" | summarize count() by DeviceName',
  'DeviceProcessEvents | where Timestamp > ago(7d) | where ProcessCommandLine has "lsass" | project Timestamp, DeviceName, ProcessCommandLine',
  'DeviceNetworkEvents | where Timestamp > ago(1d) | where RemoteUrl endswith ".tk" | summarize dcount(RemoteUrl) by DeviceName, bin(Timestamp, 10m)',
  'DeviceLogonEvents | where Timestamp > ago(7d) | where LogonType == "Network" | summarize Failed = countif(ActionType == "LogonFailed") by AccountName | top 10 by Failed',
  "DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId | summarize count() by OSPlatform",
  'DeviceTvmSoftwareVulnerabilities | where VulnerabilitySeverityLevel == "Critical" | join kind=inner DeviceTvmSoftwareVulnerabilitiesKB on CveId | where IsExploitAvailable == true | summarize CriticalVulns=count() by DeviceName | top 50 by CriticalVulns',
  "DeviceProcessEvents | summarize count() by FileName",
];
// Kusto.Language's first parse JIT-compiles the library (~2 s); the CLI warms it up after start, so do it here too.
const w = Date.now();
warmUpHunting();
console.log(JSON.stringify({ step: "warm-up Kusto.Language", ms: Date.now() - w }));
const now = Date.now();
for (const q of QUERIES) {
  const s = Date.now();
  const r = runHunting(q, {
    now,
    from: now - 30 * 86_400_000,
    to: now,
    timeoutMs: 180_000,
    openTable: (n, c, rg) => data.open(n, c, rg),
  });
  const rows = "results" in r ? r.results.length : r.kind;
  const scanned = "scanned" in r ? r.scanned : 0;
  console.log(JSON.stringify({ query: q.slice(0, 70), ms: Date.now() - s, rows, scanned, rssMiB: mib() }));
}
