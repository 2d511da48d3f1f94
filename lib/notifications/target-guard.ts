import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { getConfig } from "../config/env";

// Server-side request forgery guard (OWASP "Server Side Request Forgery Prevention Cheat Sheet"): a webhook URL is
// typed by an Admin, yet the console sends to it from inside its own network, so a URL naming the loopback, a
// private range, a link-local address or a cloud metadata endpoint could reach what the internet cannot. Such URLs
// are refused when a channel is saved and again at connection time — the check runs on the address the socket is
// about to connect to (a DNS answer that changes between save and send, "DNS rebinding", meets it too).
// NOTIFY_ALLOW_PRIVATE_TARGETS lifts it for the demo and the tests, whose receivers listen on 127.0.0.1.

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT; 100.100.100.200 is Alibaba Cloud's metadata endpoint
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local; 169.254.169.254 is the AWS, Azure and GCP metadata endpoint
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local (fd00:ec2::254 is AWS's IPv6 metadata endpoint)
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetRefused";
  }
}

/** Whether an address is inside the console's own network (or otherwise not a public host). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    // IPv4-mapped (::ffff:127.0.0.1) is the IPv4 address in disguise.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1], "ipv4");
    return blocked.check(address, "ipv6");
  }
  return true;
}

const allowPrivate = () => getConfig().NOTIFY_ALLOW_PRIVATE_TARGETS;

function refusal(host: string, address: string): TargetRefused {
  return new TargetRefused(
    `${host} resolves to ${address}, an address inside the console's own network (loopback, private, link-local or ` +
      "cloud metadata); the console does not send notifications there. Use a public URL, or set " +
      "NOTIFY_ALLOW_PRIVATE_TARGETS=true if this receiver is meant to be internal.",
  );
}

/** Checks a webhook URL when it is saved: scheme, credentials in the URL, and every address its host resolves to. */
export async function checkTargetUrl(raw: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused("The URL is not valid.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new TargetRefused(`The URL must start with https:// (not ${url.protocol}).`);
  if (url.username || url.password)
    throw new TargetRefused("The URL must not carry a user name or password; webhooks are signed instead.");
  if (allowPrivate()) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await new Promise<string[]>((resolve, reject) =>
        dnsLookup(host, { all: true }, (err, found) =>
          err
            ? reject(new TargetRefused(`The host ${host} could not be resolved (${err.code ?? err.message}).`))
            : resolve(found.map((f) => f.address)),
        ),
      );
  const inside = addresses.find(isPrivateAddress);
  if (inside) throw refusal(host, inside);
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for node:http(s) requests that refuses private addresses at connection time. */
export function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, found) => {
    if (err) return callback(err, []);
    if (!allowPrivate()) {
      const inside = found.find((f) => isPrivateAddress(f.address));
      if (inside) return callback(refusal(hostname, inside.address) as NodeJS.ErrnoException, []);
    }
    const all = (options as { all?: boolean }).all;
    if (all) return callback(null, found);
    callback(null, found[0].address, found[0].family);
  });
}
