import { z } from "zod";
import type { DefenderClient } from "./client";
import type { Page } from "../microsoft";
import { GroupScore, MachineVulnerability, Recommendation, Score, Software, Vulnerability } from "./schemas";

// Threat & vulnerability management (learn.microsoft.com/defender-endpoint/api/vulnerability and its siblings):
// catalogues, the bulk device×CVE rows, scores.

/** $top maxima (each list page): vulnerabilities 8,000, the rest 10,000. */
export const TVM_MAX_PAGE = {
  vulnerabilities: 8_000,
  machinesVulnerabilities: 10_000,
  recommendations: 10_000,
  software: 10_000,
} as const;

export interface TvmPagesOptions {
  pageSize?: number;
  maxPages?: number;
}

const size = (requested: number | undefined, max: number) => Math.min(requested ?? max, max);

export function vulnerabilityPages(
  client: DefenderClient,
  opts: TvmPagesOptions = {},
): AsyncGenerator<Page<Vulnerability>> {
  return client.pages({
    path: "/api/vulnerabilities",
    itemSchema: Vulnerability,
    pageSize: size(opts.pageSize, TVM_MAX_PAGE.vulnerabilities),
    maxPages: opts.maxPages,
  });
}

/** Every device×CVE row in one paged listing — far fewer calls than per-machine lists (50/min). */
export function machineVulnerabilityPages(
  client: DefenderClient,
  opts: TvmPagesOptions = {},
): AsyncGenerator<Page<MachineVulnerability>> {
  return client.pages({
    path: "/api/vulnerabilities/machinesVulnerabilities",
    itemSchema: MachineVulnerability,
    pageSize: size(opts.pageSize, TVM_MAX_PAGE.machinesVulnerabilities),
    maxPages: opts.maxPages,
  });
}

export function recommendationPages(
  client: DefenderClient,
  opts: TvmPagesOptions = {},
): AsyncGenerator<Page<Recommendation>> {
  return client.pages({
    path: "/api/recommendations",
    itemSchema: Recommendation,
    pageSize: size(opts.pageSize, TVM_MAX_PAGE.recommendations),
    maxPages: opts.maxPages,
  });
}

export function softwarePages(client: DefenderClient, opts: TvmPagesOptions = {}): AsyncGenerator<Page<Software>> {
  return client.pages({
    path: "/api/Software",
    itemSchema: Software,
    pageSize: size(opts.pageSize, TVM_MAX_PAGE.software),
    maxPages: opts.maxPages,
  });
}

/** The current organisation exposure score; the API keeps no history (get-exposure-score), the sync snapshots it. */
export function exposureScore(client: DefenderClient): Promise<Score> {
  return client.request({ method: "GET", path: "/api/exposureScore", schema: Score });
}

const GroupScoreList = z.object({ value: z.array(GroupScore) });

export async function exposureScoreByGroups(client: DefenderClient): Promise<GroupScore[]> {
  const res = await client.request({
    method: "GET",
    path: "/api/exposureScore/ByMachineGroups",
    schema: GroupScoreList,
  });
  return res.value;
}

/** Microsoft Secure Score for Devices (get-device-secure-score). */
export function configurationScore(client: DefenderClient): Promise<Score> {
  return client.request({ method: "GET", path: "/api/configurationScore", schema: Score });
}
