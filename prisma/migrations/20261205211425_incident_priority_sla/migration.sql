-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "priority" TEXT NOT NULL DEFAULT 'Low',
ADD COLUMN     "slaDueAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Incident_createdTime_id_idx" ON "Incident"("createdTime" DESC, "id");

-- Written by hand: expression indexes for the incident list's sort keys (lib/incidents/sql.ts SORT_KEYS). Each
-- expression must stay identical to the one the query sorts on, or PostgreSQL will not use the index.
CREATE INDEX "Incident_list_priority_idx" ON "Incident"((CASE WHEN "status" IN ('Resolved', 'Redirected') THEN 1 ELSE 0 END), (CASE "priority" WHEN 'Critical' THEN 0 WHEN 'High' THEN 1 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 3 ELSE 4 END), (COALESCE("slaDueAt", 'infinity'::timestamp)), "id");
CREATE INDEX "Incident_list_sla_idx" ON "Incident"((COALESCE("slaDueAt", 'infinity'::timestamp)), "id");

-- Written by hand: the first derivation of priority and SLA deadline (lib/cache/derivations.ts
-- INCIDENT_FIGURES, as of this migration), so the list is ranked before the next sync re-derives it.
UPDATE "Incident" i SET "alertCount" = c.alerts, "deviceCount" = c.devices, "userCount" = c.users,
                        "priority" = c.priority, "slaDueAt" = c.due
FROM (SELECT i2.id, COUNT(a.id)::int AS alerts, COUNT(DISTINCT a."machineId")::int AS devices,
        COUNT(DISTINCT a."relatedUserName")::int AS users,
        (ARRAY['Informational', 'Low', 'Medium', 'High', 'Critical'])[1 + GREATEST(
          CASE i2.severity WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Informational' THEN 0 ELSE 1 END,
          COALESCE(MAX(CASE a.priority WHEN 'Critical' THEN 4 WHEN 'High' THEN 3 WHEN 'Medium' THEN 2
                                       WHEN 'Low' THEN 1 ELSE 0 END), 0))] AS priority,
        CASE WHEN i2.status IN ('Resolved', 'Redirected') THEN NULL
             ELSE MIN(a."slaDueAt") FILTER (WHERE a.status <> 'Resolved') END AS due
      FROM "Incident" i2 LEFT JOIN "Alert" a ON a."incidentId" = i2.id
      GROUP BY i2.id) c
WHERE c.id = i.id
  AND (i."alertCount", i."deviceCount", i."userCount", i."priority", i."slaDueAt")
      IS DISTINCT FROM (c.alerts, c.devices, c.users, c.priority, c.due);
