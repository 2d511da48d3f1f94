import { z } from "zod";
import type { DefenderClient } from "./client";
import type { Page } from "../microsoft";
import { DeviceAvInfo, SecureConfigurationAssessment } from "./schemas";

// Per-device antivirus health and secure configuration (Defender for Endpoint API):
// - GET /api/deviceavinfo ("Export device antivirus health details", Machine.Read.All): $top ≤ 10,000 (default 20),
//   $skip, @odata.nextLink; 30 calls a minute, 1,000 an hour.
// - GET /api/machines/SecureConfigurationsAssessmentByMachine ("Export secure configuration assessment per device",
//   Vulnerability.Read.All): pageSize ≤ 200,000 and @odata.nextLink; $top would end the listing after one page, so
//   it is not sent; 30 calls a minute, 1,000 an hour.

export const DEVICE_AV_INFO_MAX_PAGE = 10_000;
export const SECURE_CONFIGURATION_MAX_PAGE = 200_000;

export interface AvHealthPagesOptions {
  pageSize?: number;
  maxPages?: number;
}

export function deviceAvInfoPages(
  client: DefenderClient,
  opts: AvHealthPagesOptions = {},
): AsyncGenerator<Page<DeviceAvInfo>> {
  return client.pages({
    path: "/api/deviceavinfo",
    itemSchema: DeviceAvInfo,
    idField: "machineId",
    pageSize: Math.min(opts.pageSize ?? DEVICE_AV_INFO_MAX_PAGE, DEVICE_AV_INFO_MAX_PAGE),
    maxPages: opts.maxPages,
  });
}

const AssessmentPage = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().nullish(),
});

/**
 * Every assessment row, a page at a time. The listing pages by `$skiptoken` in the nextLink; the token is carried
 * over onto our own base URL, so the bearer token never follows a link elsewhere. Rows that fail the schema are
 * reported as skipped, as the shared pager does.
 */
export async function* secureConfigurationPages(
  client: DefenderClient,
  opts: AvHealthPagesOptions = {},
): AsyncGenerator<Page<SecureConfigurationAssessment>> {
  const pageSize = Math.min(opts.pageSize ?? SECURE_CONFIGURATION_MAX_PAGE, SECURE_CONFIGURATION_MAX_PAGE);
  const seen = new Set<string>();
  let skipToken: string | null = null;
  for (let page = 0; opts.maxPages === undefined || page < opts.maxPages; page++) {
    const res: z.infer<typeof AssessmentPage> = await client.request({
      method: "GET",
      path: "/api/machines/SecureConfigurationsAssessmentByMachine",
      query: { pageSize, $skiptoken: skipToken ?? undefined },
      statsPath: "/api/machines/SecureConfigurationsAssessmentByMachine",
      schema: AssessmentPage,
    });
    const items: SecureConfigurationAssessment[] = [];
    const skipped: Page<SecureConfigurationAssessment>["skipped"] = [];
    for (const raw of res.value) {
      const parsed = SecureConfigurationAssessment.safeParse(raw);
      if (parsed.success) items.push(parsed.data);
      else
        skipped.push({
          id: String((raw as { deviceId?: unknown } | null)?.deviceId ?? "unknown"),
          reason: parsed.error.issues[0]?.message ?? "invalid",
        });
    }
    yield { items, skipped };
    const next = res["@odata.nextLink"] ? new URL(res["@odata.nextLink"], "https://link.invalid").searchParams : null;
    skipToken = next?.get("$skiptoken") ?? null;
    // A token already used would loop for ever: stop rather than return the same rows twice.
    if (!skipToken || seen.has(skipToken)) return;
    seen.add(skipToken);
  }
}
