import { afterAll, describe, expect, it } from "vitest";
import { setTestEnv } from "../config/env";
import { closedPort } from "./testing";

// This file runs with the guard on, and an SMTP host nobody listens on.
const closed = await closedPort();
afterAll(
  setTestEnv({
    NOTIFY_ALLOW_PRIVATE_TARGETS: "false",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(closed),
    SMTP_SECURITY: "none",
  }),
);

const { checkTargetUrl, isPrivateAddress } = await import("./target-guard");
const { postJson } = await import("./channels/http-post");
const { sendEmail } = await import("./channels/email");
const { buildMessage } = await import("./message");

describe("the network guard on webhook URLs", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.100.100.200",
    "0.0.0.0",
    "::1",
    "fd00:ec2::254",
    "fe80::1",
    "::ffff:127.0.0.1",
  ])("treats %s as inside the console's network", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });
  it.each(["20.190.128.1", "52.96.0.1", "2603:1000::1"])("lets the public address %s through", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
  it("refuses a metadata or loopback URL at save, naming the reason", async () => {
    await expect(checkTargetUrl("http://169.254.169.254/latest/meta-data")).rejects.toThrow(
      /inside the console's own network/,
    );
    await expect(checkTargetUrl("http://localhost:8080/hook")).rejects.toThrow(/NOTIFY_ALLOW_PRIVATE_TARGETS/);
    await expect(checkTargetUrl("ftp://example.com/")).rejects.toThrow(/https:\/\//);
    await expect(checkTargetUrl("https://user:pw@example.com/")).rejects.toThrow(/user name or password/);
  });
  it("refuses a private address at send time too, without retrying", async () => {
    await expect(postJson("http://127.0.0.1:9/hook", "{}", {})).rejects.toMatchObject({ retryable: false });
    await expect(postJson("http://[::1]:9/hook", "{}", {})).rejects.toMatchObject({ retryable: false });
  });
});

describe("e-mail errors", () => {
  it("names an unreachable SMTP server without echoing credentials", async () => {
    const m = buildMessage("d1", [
      { id: "e1", type: "test", occurredAt: new Date(), payload: { title: "t", summary: "", path: "/" } },
    ]);
    await expect(sendEmail("soc@contoso.example", m)).rejects.toThrow(
      new RegExp(`SMTP server 127\\.0\\.0\\.1:${closed} could not be reached`),
    );
  });
});
