import { route } from "@/lib/auth/route";
import { importIndicatorCsv } from "@/lib/indicators";
import { IndicatorImportBody } from "@/lib/indicators/schemas";

// POST /api/indicators/import (indicators:write) — a CSV of indicators, sent 500 to a call; one result per row
export const POST = route(
  // A CSV of 15,000 indicators is a few megabytes.
  { permission: "indicators:write", body: IndicatorImportBody, audit: "indicator.import", maxBodyBytes: 6_000_000 },
  async ({ body, audit }) => ({ data: await importIndicatorCsv(audit, body.csv) }),
);
