// Scale check (issue "Done when"): start at 50,000 devices / 200,000 alerts / 1,000,000
// device-vulnerability rows, page every alert at $top=10000 and every machinesVulnerabilities row,
// and print start time, paging times and peak RSS as JSON. Client and server share this process,
// so the RSS figure is an upper bound for the emulator alone.
//   npx tsx emulator/scripts/scale-check.ts [--devices N] [--alerts N] [--vulns-per-device N]
import https from "node:https";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../src/index";

const { values } = parseArgs({
  options: { devices: { type: "string" }, alerts: { type: "string" }, "vulns-per-device": { type: "string" } },
});
const devices = Number(values.devices ?? 50_000);
const alerts = Number(values.alerts ?? 200_000);
const vulnsPerDevice = Number(values["vulns-per-device"] ?? 20);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

function getJson(
  agent: https.Agent,
  url: string,
  token: string,
): Promise<{ value: unknown[]; "@odata.nextLink"?: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          if (res.statusCode !== 200)
            return reject(new Error(`${url} → ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`));
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        });
      })
      .on("error", reject);
  });
}

async function pageAll(
  agent: https.Agent,
  first: string,
  token: string,
): Promise<{ items: number; pages: number; ms: number }> {
  const t0 = performance.now();
  let url: string | undefined = first;
  let items = 0;
  let pages = 0;
  while (url) {
    const body = await getJson(agent, url, token);
    items += body.value.length;
    pages++;
    url = body["@odata.nextLink"];
  }
  return { items, pages, ms: Math.round(performance.now() - t0) };
}

const t0 = performance.now();
const emu = await startEmulator({
  port: 0,
  quiet: true,
  devices,
  alerts,
  vulnsPerDevice,
  dataDir: mkdtempSync(path.join(tmpdir(), "emu-scale-")),
});
const startMs = Math.round(performance.now() - t0);
const rssAfterStart = process.memoryUsage().rss;
const agent = new https.Agent({ ca: emu.caCertPem, keepAlive: true });
const tokenRes = await new Promise<string>((resolve, reject) => {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: emu.clientId,
    client_secret: emu.clientSecret,
    scope: "https://api.securitycenter.microsoft.com/.default",
  }).toString();
  const req = https.request(
    `${emu.authorityHost}/${emu.tenantId}/oauth2/v2.0/token`,
    { method: "POST", agent, headers: { "content-type": "application/x-www-form-urlencoded" } },
    (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve(JSON.parse(text).access_token));
    },
  );
  req.on("error", reject);
  req.end(body);
});

const alertPaging = await pageAll(agent, `${emu.baseUrl}/api/alerts?$top=10000`, tokenRes);
const filteredPaging = await pageAll(
  agent,
  `${emu.baseUrl}/api/alerts?$top=10000&$filter=status ne 'Resolved'&$orderby=lastUpdateTime desc`,
  tokenRes,
);
const vulnPaging = await pageAll(
  agent,
  `${emu.baseUrl}/api/vulnerabilities/machinesVulnerabilities?$top=10000`,
  tokenRes,
);
const machinePaging = await pageAll(agent, `${emu.baseUrl}/api/machines?$top=10000`, tokenRes);
clearInterval(sampler);
await emu.close();
agent.destroy();

const mb = (b: number) => Math.round(b / 1048576);
console.log(
  JSON.stringify(
    {
      scale: { devices, alerts, vulnsPerDevice, machinesVulnerabilitiesRows: vulnPaging.items },
      startMs,
      alerts: { ...alertPaging, expected: alerts },
      alertsFilteredOrdered: filteredPaging,
      machinesVulnerabilities: vulnPaging,
      machines: machinePaging,
      rssAfterStartMiB: mb(rssAfterStart),
      peakRssMiB: mb(peakRss),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      node: process.version,
    },
    null,
    2,
  ),
);
