-- Every cached table carries the Entra tenant its rows came from, first in its primary key and indexes
-- (lib/cache/tenant.ts). Rows written before this migration get the empty tenant ('') here, and the console claims them for its
-- configured tenant when it next deploys migrations (claimUntenantedRows), since only the configuration knows which
-- tenant that was. The DEFAULT exists only to backfill: it is dropped at the end, so no write can forget a tenant.
-- DropForeignKey
ALTER TABLE "ActionRequest" DROP CONSTRAINT "ActionRequest_machineActionId_fkey";

-- DropForeignKey
ALTER TABLE "AlertEvidence" DROP CONSTRAINT "AlertEvidence_alertId_fkey";

-- DropForeignKey
ALTER TABLE "RemediationProgress" DROP CONSTRAINT "RemediationProgress_requestId_fkey";

-- DropIndex
DROP INDEX "ActionRequest_createdAt_idx";

-- DropIndex
DROP INDEX "ActionRequest_deviceId_createdAt_idx";

-- DropIndex
DROP INDEX "ActionRequest_idempotencyKey_idx";

-- DropIndex
DROP INDEX "ActionRequest_requestedById_idempotencyKey_key";

-- DropIndex
DROP INDEX "ActionRequest_state_idx";

-- DropIndex
DROP INDEX "Alert_alertCreationTime_id_idx";

-- DropIndex
DROP INDEX "Alert_assignedTo_idx";

-- DropIndex
DROP INDEX "Alert_category_id_idx";

-- DropIndex
DROP INDEX "Alert_detectionSource_id_idx";

-- DropIndex
DROP INDEX "Alert_incidentId_idx";

-- DropIndex
DROP INDEX "Alert_lastUpdateTime_id_idx";

-- DropIndex
DROP INDEX "Alert_machineId_idx";

-- DropIndex
DROP INDEX "Alert_priority_slaDueAt_idx";

-- DropIndex
DROP INDEX "Alert_queue_age_idx";

-- DropIndex
DROP INDEX "Alert_severity_alertCreationTime_idx";

-- DropIndex
DROP INDEX "Alert_status_alertCreationTime_idx";

-- DropIndex
DROP INDEX "Alert_title_id_idx";

-- DropIndex
DROP INDEX "AlertEvidence_ipAddress_idx";

-- DropIndex
DROP INDEX "AlertEvidence_sha256_idx";

-- DropIndex
DROP INDEX "CveExposure_cveId_idx";

-- DropIndex
DROP INDEX "CveExposure_scope_exposedDevices_idx";

-- DropIndex
DROP INDEX "Device_aadDeviceId_idx";

-- DropIndex
DROP INDEX "Device_complianceState_idx";

-- DropIndex
DROP INDEX "Device_exposureLevel_idx";

-- DropIndex
DROP INDEX "Device_healthStatus_idx";

-- DropIndex
DROP INDEX "Device_intuneDeviceId_key";

-- DropIndex
DROP INDEX "Device_inventory_ip_prefix_idx";

-- DropIndex
DROP INDEX "Device_inventory_name_idx";

-- DropIndex
DROP INDEX "Device_isolationState_id_idx";

-- DropIndex
DROP INDEX "Device_lastIpAddress_idx";

-- DropIndex
DROP INDEX "Device_lastSeen_idx";

-- DropIndex
DROP INDEX "Device_mdeMachineId_key";

-- DropIndex
DROP INDEX "Device_onboardingStatus_idx";

-- DropIndex
DROP INDEX "Device_openAlerts_id_idx";

-- DropIndex
DROP INDEX "Device_platform_id_idx";

-- DropIndex
DROP INDEX "Device_platform_name_idx";

-- DropIndex
DROP INDEX "Device_rbacGroupName_idx";

-- DropIndex
DROP INDEX "Device_riskScore_idx";

-- DropIndex
DROP INDEX "DeviceVulnerability_cveId_idx";

-- DropIndex
DROP INDEX "DeviceVulnerability_machineId_idx";

-- DropIndex
DROP INDEX "DeviceVulnerability_productVendor_productName_idx";

-- DropIndex
DROP INDEX "Incident_assignedTo_idx";

-- DropIndex
DROP INDEX "Incident_lastUpdateTime_id_idx";

-- DropIndex
DROP INDEX "Incident_status_severity_idx";

-- DropIndex
DROP INDEX "MachineAction_creationDateTimeUtc_idx";

-- DropIndex
DROP INDEX "MachineAction_machineId_status_idx";

-- DropIndex
DROP INDEX "MachineAction_status_idx";

-- DropIndex
DROP INDEX "Recommendation_exposureImpact_idx";

-- DropIndex
DROP INDEX "RemediationRequest_createdAt_idx";

-- DropIndex
DROP INDEX "RemediationRequest_dueOn_idx";

-- DropIndex
DROP INDEX "RemediationRequest_recommendationId_idx";

-- DropIndex
DROP INDEX "ScoreSnapshot_kind_day_idx";

-- DropIndex
DROP INDEX "Software_weaknesses_idx";

-- DropIndex
DROP INDEX "SoftwareExposure_scope_vulnerabilities_idx";

-- DropIndex
DROP INDEX "Vulnerability_exposedMachines_idx";

-- DropIndex
DROP INDEX "Vulnerability_publishedOn_idx";

-- DropIndex
DROP INDEX "Vulnerability_severity_cvssV3_idx";

-- AlterTable
ALTER TABLE "ActionRequest" DROP CONSTRAINT "ActionRequest_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "ActionRequest_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "Alert" DROP CONSTRAINT "Alert_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "Alert_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "AlertEvidence" DROP CONSTRAINT "AlertEvidence_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "AlertEvidence_pkey" PRIMARY KEY ("tenantId", "alertId", "ordinal");

-- AlterTable
ALTER TABLE "CveExposure" DROP CONSTRAINT "CveExposure_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "CveExposure_pkey" PRIMARY KEY ("tenantId", "scope", "cveId");

-- AlterTable
ALTER TABLE "Device" DROP CONSTRAINT "Device_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "Device_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "DeviceLogonUser" DROP CONSTRAINT "DeviceLogonUser_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "DeviceLogonUser_pkey" PRIMARY KEY ("tenantId", "deviceId", "accountName", "accountDomain");

-- AlterTable
ALTER TABLE "DeviceVulnerability" DROP CONSTRAINT "DeviceVulnerability_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "DeviceVulnerability_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "Incident" DROP CONSTRAINT "Incident_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "Incident_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "MachineAction" DROP CONSTRAINT "MachineAction_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "MachineAction_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "Recommendation" DROP CONSTRAINT "Recommendation_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "RemediationProgress" DROP CONSTRAINT "RemediationProgress_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "RemediationProgress_pkey" PRIMARY KEY ("tenantId", "requestId", "day");

-- AlterTable
ALTER TABLE "RemediationRequest" DROP CONSTRAINT "RemediationRequest_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "RemediationRequest_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "ScoreSnapshot" DROP CONSTRAINT "ScoreSnapshot_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "ScoreSnapshot_pkey" PRIMARY KEY ("tenantId", "kind", "scope", "day");

-- AlterTable
ALTER TABLE "Software" DROP CONSTRAINT "Software_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "Software_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "SoftwareExposure" DROP CONSTRAINT "SoftwareExposure_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "SoftwareExposure_pkey" PRIMARY KEY ("tenantId", "scope", "softwareId");

-- AlterTable
ALTER TABLE "SyncState" DROP CONSTRAINT "SyncState_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "SyncState_pkey" PRIMARY KEY ("tenantId", "entity");

-- AlterTable
ALTER TABLE "Vulnerability" DROP CONSTRAINT "Vulnerability_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "Vulnerability_pkey" PRIMARY KEY ("tenantId", "id");

-- AlterTable
ALTER TABLE "VulnerabilityCountSnapshot" DROP CONSTRAINT "VulnerabilityCountSnapshot_pkey",
ADD COLUMN     "tenantId" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "VulnerabilityCountSnapshot_pkey" PRIMARY KEY ("tenantId", "scope", "day");

-- CreateIndex
CREATE INDEX "ActionRequest_tenantId_idempotencyKey_idx" ON "ActionRequest"("tenantId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ActionRequest_tenantId_deviceId_createdAt_idx" ON "ActionRequest"("tenantId", "deviceId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ActionRequest_tenantId_state_idx" ON "ActionRequest"("tenantId", "state");

-- CreateIndex
CREATE INDEX "ActionRequest_tenantId_createdAt_idx" ON "ActionRequest"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ActionRequest_tenantId_requestedById_idempotencyKey_key" ON "ActionRequest"("tenantId", "requestedById", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Alert_tenantId_alertCreationTime_id_idx" ON "Alert"("tenantId", "alertCreationTime" DESC, "id");

-- CreateIndex
CREATE INDEX "Alert_tenantId_lastUpdateTime_id_idx" ON "Alert"("tenantId", "lastUpdateTime" DESC, "id");

-- CreateIndex
CREATE INDEX "Alert_tenantId_status_alertCreationTime_idx" ON "Alert"("tenantId", "status", "alertCreationTime" DESC);

-- CreateIndex
CREATE INDEX "Alert_tenantId_severity_alertCreationTime_idx" ON "Alert"("tenantId", "severity", "alertCreationTime" DESC);

-- CreateIndex
CREATE INDEX "Alert_tenantId_priority_slaDueAt_idx" ON "Alert"("tenantId", "priority", "slaDueAt");

-- CreateIndex
CREATE INDEX "Alert_tenantId_incidentId_idx" ON "Alert"("tenantId", "incidentId");

-- CreateIndex
CREATE INDEX "Alert_tenantId_machineId_idx" ON "Alert"("tenantId", "machineId");

-- CreateIndex
CREATE INDEX "Alert_tenantId_assignedTo_idx" ON "Alert"("tenantId", "assignedTo");

-- CreateIndex
CREATE INDEX "Alert_queue_age_idx" ON "Alert"("tenantId", "alertCreationTime", "id");

-- CreateIndex
CREATE INDEX "Alert_tenantId_title_id_idx" ON "Alert"("tenantId", "title", "id");

-- CreateIndex
CREATE INDEX "Alert_tenantId_category_id_idx" ON "Alert"("tenantId", "category", "id");

-- CreateIndex
CREATE INDEX "Alert_tenantId_detectionSource_id_idx" ON "Alert"("tenantId", "detectionSource", "id");

-- CreateIndex
CREATE INDEX "AlertEvidence_tenantId_sha256_idx" ON "AlertEvidence"("tenantId", "sha256");

-- CreateIndex
CREATE INDEX "AlertEvidence_tenantId_ipAddress_idx" ON "AlertEvidence"("tenantId", "ipAddress");

-- CreateIndex
CREATE INDEX "CveExposure_tenantId_scope_exposedDevices_idx" ON "CveExposure"("tenantId", "scope", "exposedDevices" DESC);

-- CreateIndex
CREATE INDEX "CveExposure_tenantId_cveId_idx" ON "CveExposure"("tenantId", "cveId");

-- CreateIndex
CREATE INDEX "Device_tenantId_aadDeviceId_idx" ON "Device"("tenantId", "aadDeviceId");

-- CreateIndex
CREATE INDEX "Device_tenantId_platform_name_idx" ON "Device"("tenantId", "platform", "name");

-- CreateIndex
CREATE INDEX "Device_tenantId_riskScore_idx" ON "Device"("tenantId", "riskScore");

-- CreateIndex
CREATE INDEX "Device_tenantId_exposureLevel_idx" ON "Device"("tenantId", "exposureLevel");

-- CreateIndex
CREATE INDEX "Device_tenantId_healthStatus_idx" ON "Device"("tenantId", "healthStatus");

-- CreateIndex
CREATE INDEX "Device_tenantId_onboardingStatus_idx" ON "Device"("tenantId", "onboardingStatus");

-- CreateIndex
CREATE INDEX "Device_tenantId_complianceState_idx" ON "Device"("tenantId", "complianceState");

-- CreateIndex
CREATE INDEX "Device_tenantId_rbacGroupName_idx" ON "Device"("tenantId", "rbacGroupName");

-- CreateIndex
CREATE INDEX "Device_tenantId_lastSeen_idx" ON "Device"("tenantId", "lastSeen");

-- CreateIndex
CREATE INDEX "Device_tenantId_lastIpAddress_idx" ON "Device"("tenantId", "lastIpAddress");

-- CreateIndex
CREATE INDEX "Device_inventory_name_idx" ON "Device"("tenantId", "name", "id");

-- CreateIndex
CREATE INDEX "Device_tenantId_platform_id_idx" ON "Device"("tenantId", "platform", "id");

-- CreateIndex
CREATE INDEX "Device_tenantId_openAlerts_id_idx" ON "Device"("tenantId", "openAlerts", "id");

-- CreateIndex
CREATE INDEX "Device_tenantId_isolationState_id_idx" ON "Device"("tenantId", "isolationState", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Device_tenantId_mdeMachineId_key" ON "Device"("tenantId", "mdeMachineId");

-- CreateIndex
CREATE UNIQUE INDEX "Device_tenantId_intuneDeviceId_key" ON "Device"("tenantId", "intuneDeviceId");

-- CreateIndex
CREATE INDEX "DeviceVulnerability_tenantId_machineId_idx" ON "DeviceVulnerability"("tenantId", "machineId");

-- CreateIndex
CREATE INDEX "DeviceVulnerability_tenantId_cveId_idx" ON "DeviceVulnerability"("tenantId", "cveId");

-- CreateIndex
CREATE INDEX "DeviceVulnerability_tenantId_productVendor_productName_idx" ON "DeviceVulnerability"("tenantId", "productVendor", "productName");

-- CreateIndex
CREATE INDEX "Incident_tenantId_lastUpdateTime_id_idx" ON "Incident"("tenantId", "lastUpdateTime" DESC, "id");

-- CreateIndex
CREATE INDEX "Incident_tenantId_status_severity_idx" ON "Incident"("tenantId", "status", "severity");

-- CreateIndex
CREATE INDEX "Incident_tenantId_assignedTo_idx" ON "Incident"("tenantId", "assignedTo");

-- CreateIndex
CREATE INDEX "MachineAction_tenantId_machineId_status_idx" ON "MachineAction"("tenantId", "machineId", "status");

-- CreateIndex
CREATE INDEX "MachineAction_tenantId_creationDateTimeUtc_idx" ON "MachineAction"("tenantId", "creationDateTimeUtc" DESC);

-- CreateIndex
CREATE INDEX "MachineAction_tenantId_status_idx" ON "MachineAction"("tenantId", "status");

-- CreateIndex
CREATE INDEX "Recommendation_tenantId_exposureImpact_idx" ON "Recommendation"("tenantId", "exposureImpact" DESC);

-- CreateIndex
CREATE INDEX "RemediationRequest_tenantId_dueOn_idx" ON "RemediationRequest"("tenantId", "dueOn");

-- CreateIndex
CREATE INDEX "RemediationRequest_tenantId_recommendationId_idx" ON "RemediationRequest"("tenantId", "recommendationId");

-- CreateIndex
CREATE INDEX "RemediationRequest_tenantId_createdAt_idx" ON "RemediationRequest"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ScoreSnapshot_tenantId_kind_day_idx" ON "ScoreSnapshot"("tenantId", "kind", "day");

-- CreateIndex
CREATE INDEX "Software_tenantId_weaknesses_idx" ON "Software"("tenantId", "weaknesses" DESC);

-- CreateIndex
CREATE INDEX "SoftwareExposure_tenantId_scope_vulnerabilities_idx" ON "SoftwareExposure"("tenantId", "scope", "vulnerabilities" DESC);

-- CreateIndex
CREATE INDEX "Vulnerability_tenantId_severity_cvssV3_idx" ON "Vulnerability"("tenantId", "severity", "cvssV3" DESC);

-- CreateIndex
CREATE INDEX "Vulnerability_tenantId_exposedMachines_idx" ON "Vulnerability"("tenantId", "exposedMachines" DESC);

-- CreateIndex
CREATE INDEX "Vulnerability_tenantId_publishedOn_idx" ON "Vulnerability"("tenantId", "publishedOn" DESC);

-- AddForeignKey
ALTER TABLE "AlertEvidence" ADD CONSTRAINT "AlertEvidence_tenantId_alertId_fkey" FOREIGN KEY ("tenantId", "alertId") REFERENCES "Alert"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionRequest" ADD CONSTRAINT "ActionRequest_tenantId_machineActionId_fkey" FOREIGN KEY ("tenantId", "machineActionId") REFERENCES "MachineAction"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationProgress" ADD CONSTRAINT "RemediationProgress_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "RemediationRequest"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand: the expression indexes of migrations alert_queue_sort_indexes and device_inventory_sort_indexes,
-- re-created with the tenant first so a tenant's queue and inventory still walk one index range. Each expression
-- must stay identical to the one lib/alerts/sql.ts and lib/devices/sql.ts sort on. (The priority index is gone:
-- migration alert_queue_ranking replaced it. That migration's indexes, and those of device_name_sort_ignores_case
-- and incident_priority_sla, get the tenant in migration tenant_scoped_sort_indexes.)
DROP INDEX "Alert_queue_severity_idx";
DROP INDEX "Alert_queue_status_idx";
DROP INDEX "Alert_queue_technique_idx";
DROP INDEX "Alert_queue_device_idx";
DROP INDEX "Alert_queue_user_idx";
DROP INDEX "Alert_queue_assigned_idx";
DROP INDEX "Alert_queue_sla_idx";
CREATE INDEX "Alert_queue_severity_idx" ON "Alert"("tenantId", (CASE "severity" WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2 WHEN 'Informational' THEN 1 ELSE 0 END), "id");
CREATE INDEX "Alert_queue_status_idx" ON "Alert"("tenantId", (CASE "status" WHEN 'New' THEN 0 WHEN 'InProgress' THEN 1 WHEN 'Resolved' THEN 2 ELSE 3 END), "id");
CREATE INDEX "Alert_queue_technique_idx" ON "Alert"("tenantId", (COALESCE("mitreTechniques"[1], '')), "id");
CREATE INDEX "Alert_queue_device_idx" ON "Alert"("tenantId", (COALESCE("computerDnsName", '')), "id");
CREATE INDEX "Alert_queue_user_idx" ON "Alert"("tenantId", (COALESCE("relatedUserName", '')), "id");
CREATE INDEX "Alert_queue_assigned_idx" ON "Alert"("tenantId", (COALESCE("assignedTo", '')), "id");
CREATE INDEX "Alert_queue_sla_idx" ON "Alert"("tenantId", (COALESCE("slaDueAt", 'infinity'::timestamp)), "id");

DROP INDEX "Device_inventory_risk_idx";
DROP INDEX "Device_inventory_exposure_idx";
DROP INDEX "Device_inventory_health_idx";
DROP INDEX "Device_inventory_onboarding_idx";
DROP INDEX "Device_inventory_last_seen_idx";
DROP INDEX "Device_inventory_group_idx";
DROP INDEX "Device_inventory_compliance_idx";
DROP INDEX "Device_inventory_user_idx";
DROP INDEX "Device_inventory_vulnerabilities_idx";
DROP INDEX "Device_inventory_intune_sync_idx";
CREATE INDEX "Device_inventory_risk_idx" ON "Device"("tenantId", (CASE "riskScore" WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2 WHEN 'Informational' THEN 1 ELSE 0 END), "id");
CREATE INDEX "Device_inventory_exposure_idx" ON "Device"("tenantId", (CASE "exposureLevel" WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END), "id");
CREATE INDEX "Device_inventory_health_idx" ON "Device"("tenantId", (COALESCE("healthStatus", '')), "id");
CREATE INDEX "Device_inventory_onboarding_idx" ON "Device"("tenantId", (COALESCE("onboardingStatus", '')), "id");
CREATE INDEX "Device_inventory_last_seen_idx" ON "Device"("tenantId", (COALESCE("lastSeen", '-infinity'::timestamp)), "id");
CREATE INDEX "Device_inventory_group_idx" ON "Device"("tenantId", (COALESCE("rbacGroupName", '')), "id");
CREATE INDEX "Device_inventory_compliance_idx" ON "Device"("tenantId", (COALESCE("complianceState", '')), "id");
CREATE INDEX "Device_inventory_user_idx" ON "Device"("tenantId", (COALESCE("primaryUserUpn", '')), "id");
CREATE INDEX "Device_inventory_vulnerabilities_idx" ON "Device"("tenantId", ("vulnCritical"::bigint * 1000000000000 + "vulnHigh"::bigint * 100000000 + "vulnMedium"::bigint * 10000 + "vulnLow"::bigint), "id");
CREATE INDEX "Device_inventory_intune_sync_idx" ON "Device"("tenantId", (COALESCE("lastIntuneSync", '-infinity'::timestamp)), "id");

-- The search box matches an IP address by prefix (lib/devices/sql.ts searchSql), whatever the collation.
CREATE INDEX "Device_inventory_ip_prefix_idx" ON "Device"("tenantId", "lastIpAddress" text_pattern_ops);

-- The backfill is done: from here on every write names its tenant.
ALTER TABLE "ActionRequest" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "Alert" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "AlertEvidence" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "CveExposure" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "Device" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "DeviceLogonUser" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "DeviceVulnerability" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "Incident" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "MachineAction" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "Recommendation" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "RemediationProgress" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "RemediationRequest" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "ScoreSnapshot" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "Software" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "SoftwareExposure" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "SyncState" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "Vulnerability" ALTER COLUMN "tenantId" DROP DEFAULT;
ALTER TABLE "VulnerabilityCountSnapshot" ALTER COLUMN "tenantId" DROP DEFAULT;
