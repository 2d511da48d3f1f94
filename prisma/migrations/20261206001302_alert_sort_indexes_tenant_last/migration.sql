-- DropIndex
DROP INDEX "Alert_queue_age_idx";

-- DropIndex
DROP INDEX "Alert_tenantId_alertCreationTime_id_idx";

-- DropIndex
DROP INDEX "Alert_tenantId_category_id_idx";

-- DropIndex
DROP INDEX "Alert_tenantId_detectionSource_id_idx";

-- DropIndex
DROP INDEX "Alert_tenantId_title_id_idx";

-- CreateIndex
CREATE INDEX "Alert_alertCreationTime_id_idx" ON "Alert"("alertCreationTime" DESC, "id");

-- CreateIndex
CREATE INDEX "Alert_queue_age_idx" ON "Alert"("alertCreationTime", "id", "tenantId");

-- CreateIndex
CREATE INDEX "Alert_title_id_tenantId_idx" ON "Alert"("title", "id", "tenantId");

-- CreateIndex
CREATE INDEX "Alert_category_id_tenantId_idx" ON "Alert"("category", "id", "tenantId");

-- CreateIndex
CREATE INDEX "Alert_detectionSource_id_tenantId_idx" ON "Alert"("detectionSource", "id", "tenantId");

-- Written by hand: the expression sort indexes, re-created with the tenant last like the plain ones above. The tenant
-- leads no index the queue reads in order: PostgreSQL estimates how well an index follows the table's order from its
-- leading column, and a column holding one value looks perfectly ordered, so with the tenant first it preferred
-- walking a sort index and filtering (tens of thousands of rows for "assigned to me") over combining two bitmap
-- indexes. With the tenant last the comparison the query pages on (sort key, id) still starts the scan, and the
-- tenant is checked inside the index, and a queue across several tenants reads one ordered index. The time-window index
-- carries no tenant at all: PostgreSQL ANDs two bitmap indexes only when they answer different conditions, so the
-- tenant's condition may sit in the filter index (tenant, assignedTo…) but not also in the window's.
-- Each expression must stay identical to the one the query sorts on (lib/alerts/sql.ts SORT_KEYS).
DROP INDEX "Alert_queue_severity_idx";
DROP INDEX "Alert_queue_status_idx";
DROP INDEX "Alert_queue_technique_idx";
DROP INDEX "Alert_queue_device_idx";
DROP INDEX "Alert_queue_user_idx";
DROP INDEX "Alert_queue_assigned_idx";
DROP INDEX "Alert_queue_rank_idx";
DROP INDEX "Alert_queue_sla_idx";
CREATE INDEX "Alert_queue_severity_idx" ON "Alert"((CASE "severity" WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2 WHEN 'Informational' THEN 1 ELSE 0 END), "id", "tenantId");
CREATE INDEX "Alert_queue_status_idx" ON "Alert"((CASE "status" WHEN 'New' THEN 0 WHEN 'InProgress' THEN 1 WHEN 'Resolved' THEN 2 ELSE 3 END), "id", "tenantId");
CREATE INDEX "Alert_queue_technique_idx" ON "Alert"((COALESCE("mitreTechniques"[1], '')), "id", "tenantId");
CREATE INDEX "Alert_queue_device_idx" ON "Alert"((COALESCE("computerDnsName", '')), "id", "tenantId");
CREATE INDEX "Alert_queue_user_idx" ON "Alert"((COALESCE("relatedUserName", '')), "id", "tenantId");
CREATE INDEX "Alert_queue_assigned_idx" ON "Alert"((COALESCE("assignedTo", '')), "id", "tenantId");
CREATE INDEX "Alert_queue_rank_idx" ON "Alert"(((CASE WHEN "status" = 'Resolved' THEN 0 ELSE 1 END)), ((CASE "priority" WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END)), ((-EXTRACT(EPOCH FROM (CASE WHEN "status" = 'Resolved' THEN 'infinity'::timestamp ELSE COALESCE("slaDueAt", 'infinity'::timestamp) END))::float8)), ((-EXTRACT(EPOCH FROM "alertCreationTime")::float8)), "id", "tenantId");
CREATE INDEX "Alert_queue_sla_idx" ON "Alert"(((CASE WHEN "status" = 'Resolved' THEN 'infinity'::timestamp ELSE COALESCE("slaDueAt", 'infinity'::timestamp) END)), "id", "tenantId");
