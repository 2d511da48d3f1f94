import { describe, expect, it } from "vitest";
import { entityLinkOf, isIpAddress } from "./entity-links";
import { huntHref, kqlString } from "./hunt-link";

const MACHINE = "3f1c2a9be0d4c6f8a1b2c3d4e5f60718293a4b5c";
const SHA1 = "4b6a7c1d2e3f405162738495a6b7c8d9e0f1a2b3";
const SHA256 = "a".repeat(64);

/** The query a hunt link opens. */
function huntedQuery(href: string): string {
  const q = new URL(href, "http://console").searchParams.get("q")!;
  const b64 = q.replaceAll("-", "+").replaceAll("_", "/");
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

describe("entityLinkOf", () => {
  it("opens a device from its Defender machine id and finds a device name in the inventory", () => {
    expect(entityLinkOf("DeviceId", MACHINE)).toMatchObject({ kind: "device", href: `/devices/${MACHINE}` });
    expect(entityLinkOf("DeviceName", "ws-042.contoso.com")).toMatchObject({
      kind: "device",
      href: "/devices?q=ws-042.contoso.com",
    });
  });

  it("decides by the value as well as the column name", () => {
    // A DeviceId that is not a machine id, a DeviceName holding a sentence, a hash column holding text.
    expect(entityLinkOf("DeviceId", "not-a-machine")).toBeNull();
    expect(entityLinkOf("DeviceName", "two words")).toBeNull();
    expect(entityLinkOf("SHA1", "deadbeef")).toBeNull();
    expect(entityLinkOf("RemoteIP", "999.1.1.1")).toBeNull();
    expect(entityLinkOf("AccountUpn", "not an upn")).toBeNull();
    // The same values in columns with other names are plain text.
    expect(entityLinkOf("FileName", MACHINE)).toBeNull();
    expect(entityLinkOf("Comment", "10.0.0.1")).toBeNull();
    expect(entityLinkOf("DeviceId", null)).toBeNull();
    expect(entityLinkOf("DeviceId", { id: MACHINE })).toBeNull();
  });

  it("ignores the column name's case (a projected `deviceid` still links)", () => {
    expect(entityLinkOf("deviceid", MACHINE)?.kind).toBe("device");
  });

  it("opens Defender alerts by the console's id and finds Graph's bare provider id in the queue", () => {
    expect(entityLinkOf("AlertId", "da637551227677560813_-961444813")).toMatchObject({
      kind: "alert",
      href: "/alerts/da637551227677560813_-961444813",
    });
    expect(entityLinkOf("AlertId", "ar638180599315648136_73827727")?.href).toBe(
      "/alerts/ar638180599315648136_73827727",
    );
    expect(entityLinkOf("AlertId", "637551227677560813_-961444813")?.href).toBe(
      "/alerts?q=637551227677560813_-961444813&range=180d",
    );
  });

  it("hunts the evidence of other products' alerts, which the console does not hold", () => {
    const link = entityLinkOf("AlertId", "fa1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901")!;
    expect(link.kind).toBe("alert");
    expect(huntedQuery(link.href)).toContain(
      'AlertEvidence\n| where AlertId == "fa1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"',
    );
  });

  it("opens incidents by their number", () => {
    expect(entityLinkOf("IncidentId", 1126093)).toMatchObject({ kind: "incident", href: "/incidents/1126093" });
    expect(entityLinkOf("IncidentId", "12x")).toBeNull();
  });

  it("finds files in the alert queue by hash and offers a hunt across file and process events", () => {
    const sha1 = entityLinkOf("InitiatingProcessSHA1", SHA1.toUpperCase())!;
    expect(sha1).toMatchObject({ kind: "file", href: `/alerts?q=${SHA1}&range=180d` });
    expect(huntedQuery(sha1.hunt!)).toContain(`| where SHA1 == "${SHA1}"`);
    const sha256 = entityLinkOf("SHA256", SHA256)!;
    expect(huntedQuery(sha256.hunt!)).toContain(`| where SHA256 == "${SHA256}"`);
  });

  it("hunts for IP addresses (v4 and v6) and users (UPN or account name)", () => {
    expect(huntedQuery(entityLinkOf("RemoteIP", "10.1.2.3")!.href)).toContain(
      '| where RemoteIP == "10.1.2.3" or LocalIP == "10.1.2.3"',
    );
    expect(entityLinkOf("LocalIP", "fe80::1c2d:3e4f")?.kind).toBe("ip");
    expect(huntedQuery(entityLinkOf("AccountUpn", "alex@contoso.com")!.href)).toContain(
      '| where AccountUpn =~ "alex@contoso.com" or InitiatingProcessAccountUpn =~ "alex@contoso.com"',
    );
    expect(entityLinkOf("InitiatingProcessAccountUpn", "alex@contoso.com")?.kind).toBe("user");
    expect(huntedQuery(entityLinkOf("AccountName", "alexw")!.href)).toContain('| where AccountName =~ "alexw"');
  });
});

describe("hunt links", () => {
  it("carry any query, non-ASCII included, as base64url", () => {
    const query = 'DeviceInfo | where DeviceName has "café+/?"';
    const href = huntHref(query);
    expect(href).toMatch(/^\/hunting\?q=[A-Za-z0-9_-]+$/);
    expect(huntedQuery(href)).toBe(query);
  });

  it("quote values so they cannot end the string literal", () => {
    expect(kqlString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
});

describe("isIpAddress", () => {
  it("accepts real addresses only", () => {
    expect(["127.0.0.1", "255.255.255.255", "::1", "2001:db8::ff00:42:8329"].every(isIpAddress)).toBe(true);
    expect(["1.2.3", "01.2.3.4", "256.1.1.1", "abc", "12:34:56:78:90:ab:cd:ef:01"].some(isIpAddress)).toBe(false);
  });
});
