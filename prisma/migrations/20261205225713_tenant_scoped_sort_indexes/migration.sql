-- DropIndex
DROP INDEX "AlertEvidence_sha1_idx";

-- DropIndex
DROP INDEX "Device_inventory_name_idx";

-- DropIndex
DROP INDEX "Incident_createdTime_id_idx";

-- CreateIndex
CREATE INDEX "AlertEvidence_tenantId_sha1_idx" ON "AlertEvidence"("tenantId", "sha1");

-- CreateIndex
CREATE INDEX "Incident_tenantId_createdTime_id_idx" ON "Incident"("tenantId", "createdTime" DESC, "id");

-- Written by hand: the cache is read one tenant at a time (lib/cache/tenant.ts), so the tenant leads the sort
-- indexes that migrations device_name_sort_ignores_case, incident_priority_sla and alert_queue_ranking wrote
-- without it, as it leads every other cache index. Each expression must stay identical to the one the query
-- sorts on (lib/alerts/sql.ts SORT_KEYS, lib/incidents/sql.ts SORT_KEYS, lib/devices/sql.ts DEVICE_SORT_KEYS.name),
-- or PostgreSQL will not use the index.
DROP INDEX "Alert_queue_rank_idx";
DROP INDEX "Alert_queue_sla_idx";
DROP INDEX "Incident_list_priority_idx";
DROP INDEX "Incident_list_sla_idx";
CREATE INDEX "Alert_queue_rank_idx" ON "Alert"("tenantId", ((CASE WHEN "status" = 'Resolved' THEN 0 ELSE 1 END)), ((CASE "priority" WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END)), ((-EXTRACT(EPOCH FROM (CASE WHEN "status" = 'Resolved' THEN 'infinity'::timestamp ELSE COALESCE("slaDueAt", 'infinity'::timestamp) END))::float8)), ((-EXTRACT(EPOCH FROM "alertCreationTime")::float8)), "id");
CREATE INDEX "Alert_queue_sla_idx" ON "Alert"("tenantId", ((CASE WHEN "status" = 'Resolved' THEN 'infinity'::timestamp ELSE COALESCE("slaDueAt", 'infinity'::timestamp) END)), "id");
CREATE INDEX "Device_inventory_name_idx" ON "Device"("tenantId", (lower("name")), "id");
CREATE INDEX "Incident_list_priority_idx" ON "Incident"("tenantId", (CASE WHEN "status" IN ('Resolved', 'Redirected') THEN 1 ELSE 0 END), (CASE "priority" WHEN 'Critical' THEN 0 WHEN 'High' THEN 1 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 3 ELSE 4 END), (COALESCE("slaDueAt", 'infinity'::timestamp)), "id");
CREATE INDEX "Incident_list_sla_idx" ON "Incident"("tenantId", (COALESCE("slaDueAt", 'infinity'::timestamp)), "id");
