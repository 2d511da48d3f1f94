-- CreateIndex
CREATE INDEX "AlertEvidence_sha1_idx" ON "AlertEvidence"("sha1");

-- Written by hand: the queue's ranking (its default sort, lib/alerts/sql.ts SORT_KEYS.priority) and the SLA sort
-- that stops the clock of closed alerts. Each expression must stay identical to the one the query sorts on, or
-- PostgreSQL will not use the index. The priority-only index they replace served the old priority sort.
DROP INDEX "Alert_queue_priority_idx";
DROP INDEX "Alert_queue_sla_idx";
CREATE INDEX "Alert_queue_rank_idx" ON "Alert"(((CASE WHEN "status" = 'Resolved' THEN 0 ELSE 1 END)), ((CASE "priority" WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END)), ((-EXTRACT(EPOCH FROM (CASE WHEN "status" = 'Resolved' THEN 'infinity'::timestamp ELSE COALESCE("slaDueAt", 'infinity'::timestamp) END))::float8)), ((-EXTRACT(EPOCH FROM "alertCreationTime")::float8)), "id");
CREATE INDEX "Alert_queue_sla_idx" ON "Alert"(((CASE WHEN "status" = 'Resolved' THEN 'infinity'::timestamp ELSE COALESCE("slaDueAt", 'infinity'::timestamp) END)), "id");
