-- DropIndex
DROP INDEX "AlertEvidence_sha1_idx";

-- CreateIndex
CREATE INDEX "AlertEvidence_tenantId_sha1_idx" ON "AlertEvidence"("tenantId", "sha1");

-- Written by hand: the cache is read one tenant at a time (lib/cache/tenant.ts), so the tenant leads the sort
-- indexes that migrations alert_queue_ranking and device_name_sort_ignores_case wrote without it, as it leads
-- every other cache index. Each expression must stay identical to the one the query sorts on
-- (lib/alerts/sql.ts SORT_KEYS, lib/devices/sql.ts DEVICE_SORT_KEYS.name), or PostgreSQL will not use the index.
DROP INDEX "Alert_queue_rank_idx";
DROP INDEX "Alert_queue_sla_idx";
DROP INDEX "Device_inventory_name_idx";
CREATE INDEX "Alert_queue_rank_idx" ON "Alert"("tenantId", ((CASE WHEN "status" = 'Resolved' THEN 0 ELSE 1 END)), ((CASE "priority" WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END)), ((-EXTRACT(EPOCH FROM (CASE WHEN "status" = 'Resolved' THEN 'infinity'::timestamp ELSE COALESCE("slaDueAt", 'infinity'::timestamp) END))::float8)), ((-EXTRACT(EPOCH FROM "alertCreationTime")::float8)), "id");
CREATE INDEX "Alert_queue_sla_idx" ON "Alert"("tenantId", ((CASE WHEN "status" = 'Resolved' THEN 'infinity'::timestamp ELSE COALESCE("slaDueAt", 'infinity'::timestamp) END)), "id");
CREATE INDEX "Device_inventory_name_idx" ON "Device"("tenantId", (lower("name")), "id");
