import { describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER } from "./route";

// Whose address the audit log records: the TCP peer, or the hop the configured proxies vouch for; never the
// client's own X-Forwarded-For claim.

const h = (headers: Record<string, string>) => new Headers(headers);

describe("clientIp", () => {
  it("takes the TCP peer and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientIp(h({ [PEER_HEADER]: "192.0.2.7", "x-forwarded-for": "10.9.9.9" }), 0, true)).toBe("192.0.2.7");
    expect(clientIp(h({ "x-forwarded-for": "10.9.9.9" }), 0, true)).toBeNull();
  });

  it("does not trust a peer header that the server's preload did not set", () => {
    expect(clientIp(h({ [PEER_HEADER]: "10.9.9.9" }), 0, false)).toBeNull();
  });

  it("takes the right-most untrusted hop behind N proxies", () => {
    const headers = h({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "10.9.9.9, 203.0.113.5, 10.0.0.1" });
    expect(clientIp(headers, 1, true)).toBe("10.0.0.1");
    expect(clientIp(headers, 2, true)).toBe("203.0.113.5");
  });

  it("trusts no entry when there are fewer hops than proxies (the request went around them)", () => {
    expect(clientIp(h({ [PEER_HEADER]: "198.51.100.9", "x-forwarded-for": "10.9.9.9" }), 2, true)).toBe("198.51.100.9");
  });
});
