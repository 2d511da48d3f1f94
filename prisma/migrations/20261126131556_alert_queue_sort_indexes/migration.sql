-- CreateIndex
CREATE INDEX "Alert_queue_age_idx" ON "Alert"("alertCreationTime", "id");

-- CreateIndex
CREATE INDEX "Alert_title_id_idx" ON "Alert"("title", "id");

-- CreateIndex
CREATE INDEX "Alert_category_id_idx" ON "Alert"("category", "id");

-- CreateIndex
CREATE INDEX "Alert_detectionSource_id_idx" ON "Alert"("detectionSource", "id");

-- CreateIndex
CREATE INDEX "Alert_mitreTechniques_idx" ON "Alert" USING GIN ("mitreTechniques");

-- Written by hand: expression indexes for the queue's other sort keys (lib/alerts/sql.ts SORT_KEYS). Each
-- expression must stay identical to the one the query sorts on, or PostgreSQL will not use the index.
CREATE INDEX "Alert_queue_priority_idx" ON "Alert"((CASE "priority" WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END), "id");
CREATE INDEX "Alert_queue_severity_idx" ON "Alert"((CASE "severity" WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2 WHEN 'Informational' THEN 1 ELSE 0 END), "id");
CREATE INDEX "Alert_queue_status_idx" ON "Alert"((CASE "status" WHEN 'New' THEN 0 WHEN 'InProgress' THEN 1 WHEN 'Resolved' THEN 2 ELSE 3 END), "id");
CREATE INDEX "Alert_queue_technique_idx" ON "Alert"((COALESCE("mitreTechniques"[1], '')), "id");
CREATE INDEX "Alert_queue_device_idx" ON "Alert"((COALESCE("computerDnsName", '')), "id");
CREATE INDEX "Alert_queue_user_idx" ON "Alert"((COALESCE("relatedUserName", '')), "id");
CREATE INDEX "Alert_queue_assigned_idx" ON "Alert"((COALESCE("assignedTo", '')), "id");
CREATE INDEX "Alert_queue_sla_idx" ON "Alert"((COALESCE("slaDueAt", 'infinity'::timestamp)), "id");
