import { route } from "@/lib/auth/route";
import { listVulnerabilities } from "@/lib/tvm";
import { VulnerabilityQuery } from "@/lib/tvm/schemas";

// GET /api/tvm/vulnerabilities (console:read) — CVEs with their open exposure; filters, sort and keyset paging
export const GET = route({ permission: "console:read", query: VulnerabilityQuery }, ({ query }) => {
  const { cursor, limit, ...view } = query;
  return listVulnerabilities(view, { cursor, limit });
});
