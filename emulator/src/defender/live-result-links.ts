// Download links for live response results ("Get live response results": the link is valid for 30 minutes; ask
// again for a new one). They point at this emulator and expire on the emulated clock, like a SAS URL's `se`.
import { randomBytes } from "node:crypto";
import { MINUTE_MS, type EmulatedClock } from "../clock";
import type { LiveCommand } from "./live-response-session";

export const LINK_LIFETIME_MS = 30 * MINUTE_MS;

interface Link {
  command: LiveCommand;
  expiresMs: number;
}

export class LiveResultLinks {
  private links = new Map<string, Link>();

  constructor(private readonly clock: EmulatedClock) {}

  issue(baseUrl: string, command: LiveCommand): string {
    const token = randomBytes(18).toString("base64url");
    const expiresMs = this.clock.now() + LINK_LIFETIME_MS;
    this.links.set(token, { command, expiresMs });
    const se = new Date(expiresMs).toISOString().replace(/\.\d{3}Z$/, "Z");
    return `${baseUrl}/_emulator/liveresponse/results/${token}?se=${encodeURIComponent(se)}&sp=r&sig=emulated`;
  }

  /** The command whose result the token names, "expired", or undefined for an unknown token. */
  resolve(token: string): LiveCommand | "expired" | undefined {
    const link = this.links.get(token);
    if (!link) return undefined;
    if (this.clock.now() >= link.expiresMs) return "expired";
    return link.command;
  }
}
