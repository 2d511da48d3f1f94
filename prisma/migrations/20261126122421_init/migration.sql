-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "incidentId" BIGINT,
    "investigationId" BIGINT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "classification" TEXT,
    "determination" TEXT,
    "category" TEXT NOT NULL DEFAULT '',
    "detectionSource" TEXT NOT NULL DEFAULT '',
    "detectorId" TEXT,
    "threatName" TEXT,
    "threatFamilyName" TEXT,
    "mitreTechniques" TEXT[],
    "investigationState" TEXT,
    "machineId" TEXT,
    "computerDnsName" TEXT,
    "rbacGroupName" TEXT,
    "assignedTo" TEXT,
    "relatedUserName" TEXT,
    "relatedUserDomain" TEXT,
    "comments" JSONB NOT NULL DEFAULT '[]',
    "alertCreationTime" TIMESTAMP(3) NOT NULL,
    "firstEventTime" TIMESTAMP(3),
    "lastEventTime" TIMESTAMP(3),
    "lastUpdateTime" TIMESTAMP(3) NOT NULL,
    "resolvedTime" TIMESTAMP(3),
    "priority" TEXT NOT NULL,
    "priorityRule" TEXT,
    "slaDueAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertEvidence" (
    "alertId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "entityType" TEXT NOT NULL,
    "evidenceCreationTime" TIMESTAMP(3),
    "sha1" TEXT,
    "sha256" TEXT,
    "fileName" TEXT,
    "filePath" TEXT,
    "processId" INTEGER,
    "processCommandLine" TEXT,
    "parentProcessId" INTEGER,
    "parentProcessFileName" TEXT,
    "ipAddress" TEXT,
    "url" TEXT,
    "registryKey" TEXT,
    "registryValue" TEXT,
    "accountName" TEXT,
    "domainName" TEXT,
    "userSid" TEXT,
    "aadUserId" TEXT,
    "userPrincipalName" TEXT,
    "detectionStatus" TEXT,

    CONSTRAINT "AlertEvidence_pkey" PRIMARY KEY ("alertId","ordinal")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "classification" TEXT,
    "determination" TEXT,
    "assignedTo" TEXT,
    "tags" TEXT[],
    "comments" JSONB NOT NULL DEFAULT '[]',
    "alertCount" INTEGER NOT NULL DEFAULT 0,
    "deviceCount" INTEGER NOT NULL DEFAULT 0,
    "userCount" INTEGER NOT NULL DEFAULT 0,
    "redirectIncidentId" BIGINT,
    "createdTime" TIMESTAMP(3) NOT NULL,
    "lastUpdateTime" TIMESTAMP(3) NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
    "mdeMachineId" TEXT,
    "intuneDeviceId" TEXT,
    "aadDeviceId" TEXT,
    "inMde" BOOLEAN NOT NULL DEFAULT false,
    "inIntune" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "osPlatform" TEXT,
    "osVersion" TEXT,
    "osBuild" BIGINT,
    "agentVersion" TEXT,
    "rbacGroupId" INTEGER,
    "rbacGroupName" TEXT,
    "riskScore" TEXT,
    "exposureLevel" TEXT,
    "healthStatus" TEXT,
    "onboardingStatus" TEXT,
    "deviceValue" TEXT,
    "machineTags" TEXT[],
    "lastIpAddress" TEXT,
    "lastExternalIpAddress" TEXT,
    "firstSeen" TIMESTAMP(3),
    "lastSeen" TIMESTAMP(3),
    "isolationState" TEXT NOT NULL DEFAULT 'NotIsolated',
    "restrictionState" TEXT NOT NULL DEFAULT 'NotRestricted',
    "complianceState" TEXT,
    "isEncrypted" BOOLEAN,
    "managementAgent" TEXT,
    "primaryUserUpn" TEXT,
    "primaryUserName" TEXT,
    "model" TEXT,
    "manufacturer" TEXT,
    "serialNumber" TEXT,
    "lastIntuneSync" TIMESTAMP(3),
    "openAlerts" INTEGER NOT NULL DEFAULT 0,
    "vulnCritical" INTEGER NOT NULL DEFAULT 0,
    "vulnHigh" INTEGER NOT NULL DEFAULT 0,
    "vulnMedium" INTEGER NOT NULL DEFAULT 0,
    "vulnLow" INTEGER NOT NULL DEFAULT 0,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceLogonUser" (
    "deviceId" TEXT NOT NULL,
    "accountName" TEXT NOT NULL,
    "accountDomain" TEXT NOT NULL DEFAULT '',
    "firstSeen" TIMESTAMP(3),
    "lastSeen" TIMESTAMP(3),
    "logonTypes" TEXT,
    "isDomainAdmin" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "DeviceLogonUser_pkey" PRIMARY KEY ("deviceId","accountName","accountDomain")
);

-- CreateTable
CREATE TABLE "MachineAction" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "scope" TEXT,
    "status" TEXT NOT NULL,
    "machineId" TEXT NOT NULL,
    "computerDnsName" TEXT,
    "requestor" TEXT,
    "requestorComment" TEXT,
    "requestSource" TEXT,
    "externalId" TEXT,
    "cancellationRequestor" TEXT,
    "cancellationComment" TEXT,
    "cancellationDateTimeUtc" TIMESTAMP(3),
    "creationDateTimeUtc" TIMESTAMP(3) NOT NULL,
    "lastUpdateDateTimeUtc" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MachineAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionRequest" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "scope" TEXT,
    "comment" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "approvedById" TEXT,
    "approvedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "error" TEXT,
    "machineActionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vulnerability" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "severity" TEXT NOT NULL,
    "cvssV3" DOUBLE PRECISION,
    "cvssVector" TEXT,
    "exposedMachines" INTEGER NOT NULL DEFAULT 0,
    "publishedOn" TIMESTAMP(3),
    "updatedOn" TIMESTAMP(3),
    "publicExploit" BOOLEAN NOT NULL DEFAULT false,
    "exploitVerified" BOOLEAN NOT NULL DEFAULT false,
    "exploitInKit" BOOLEAN NOT NULL DEFAULT false,
    "exploitTypes" TEXT[],
    "isZeroDay" BOOLEAN NOT NULL DEFAULT false,
    "epss" DOUBLE PRECISION,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vulnerability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Software" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "weaknesses" INTEGER NOT NULL DEFAULT 0,
    "publicExploit" BOOLEAN NOT NULL DEFAULT false,
    "activeAlert" BOOLEAN NOT NULL DEFAULT false,
    "exposedMachines" INTEGER NOT NULL DEFAULT 0,
    "impactScore" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Software_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceVulnerability" (
    "id" TEXT NOT NULL,
    "machineId" TEXT NOT NULL,
    "cveId" TEXT NOT NULL,
    "productName" TEXT NOT NULL,
    "productVendor" TEXT NOT NULL,
    "productVersion" TEXT NOT NULL,
    "fixingKbId" TEXT,
    "severity" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "DeviceVulnerability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" TEXT NOT NULL,
    "productName" TEXT,
    "recommendationName" TEXT NOT NULL,
    "vendor" TEXT,
    "recommendedVersion" TEXT,
    "recommendationCategory" TEXT,
    "subCategory" TEXT,
    "severityScore" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "publicExploit" BOOLEAN NOT NULL DEFAULT false,
    "activeAlert" BOOLEAN NOT NULL DEFAULT false,
    "remediationType" TEXT,
    "status" TEXT NOT NULL DEFAULT 'Active',
    "configScoreImpact" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "exposureImpact" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "totalMachineCount" INTEGER NOT NULL DEFAULT 0,
    "exposedMachinesCount" INTEGER NOT NULL DEFAULT 0,
    "weaknesses" INTEGER NOT NULL DEFAULT 0,
    "relatedComponent" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreSnapshot" (
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "day" DATE NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScoreSnapshot_pkey" PRIMARY KEY ("kind","scope","day")
);

-- CreateTable
CREATE TABLE "SyncState" (
    "entity" TEXT NOT NULL,
    "watermark" TIMESTAMP(3),
    "lastStartedAt" TIMESTAMP(3),
    "lastFinishedAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastSummary" JSONB,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "SyncState_pkey" PRIMARY KEY ("entity")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "result" TEXT NOT NULL,
    "error" TEXT,
    "requestId" TEXT,
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "upn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roles" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "page" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Alert_alertCreationTime_id_idx" ON "Alert"("alertCreationTime" DESC, "id");

-- CreateIndex
CREATE INDEX "Alert_lastUpdateTime_id_idx" ON "Alert"("lastUpdateTime" DESC, "id");

-- CreateIndex
CREATE INDEX "Alert_status_alertCreationTime_idx" ON "Alert"("status", "alertCreationTime" DESC);

-- CreateIndex
CREATE INDEX "Alert_severity_alertCreationTime_idx" ON "Alert"("severity", "alertCreationTime" DESC);

-- CreateIndex
CREATE INDEX "Alert_priority_slaDueAt_idx" ON "Alert"("priority", "slaDueAt");

-- CreateIndex
CREATE INDEX "Alert_incidentId_idx" ON "Alert"("incidentId");

-- CreateIndex
CREATE INDEX "Alert_machineId_idx" ON "Alert"("machineId");

-- CreateIndex
CREATE INDEX "Alert_assignedTo_idx" ON "Alert"("assignedTo");

-- CreateIndex
CREATE INDEX "Alert_category_idx" ON "Alert"("category");

-- CreateIndex
CREATE INDEX "Alert_detectionSource_idx" ON "Alert"("detectionSource");

-- CreateIndex
CREATE INDEX "AlertEvidence_sha256_idx" ON "AlertEvidence"("sha256");

-- CreateIndex
CREATE INDEX "AlertEvidence_ipAddress_idx" ON "AlertEvidence"("ipAddress");

-- CreateIndex
CREATE INDEX "Incident_lastUpdateTime_id_idx" ON "Incident"("lastUpdateTime" DESC, "id");

-- CreateIndex
CREATE INDEX "Incident_status_severity_idx" ON "Incident"("status", "severity");

-- CreateIndex
CREATE INDEX "Incident_assignedTo_idx" ON "Incident"("assignedTo");

-- CreateIndex
CREATE UNIQUE INDEX "Device_mdeMachineId_key" ON "Device"("mdeMachineId");

-- CreateIndex
CREATE UNIQUE INDEX "Device_intuneDeviceId_key" ON "Device"("intuneDeviceId");

-- CreateIndex
CREATE INDEX "Device_aadDeviceId_idx" ON "Device"("aadDeviceId");

-- CreateIndex
CREATE INDEX "Device_platform_name_idx" ON "Device"("platform", "name");

-- CreateIndex
CREATE INDEX "Device_riskScore_idx" ON "Device"("riskScore");

-- CreateIndex
CREATE INDEX "Device_exposureLevel_idx" ON "Device"("exposureLevel");

-- CreateIndex
CREATE INDEX "Device_healthStatus_idx" ON "Device"("healthStatus");

-- CreateIndex
CREATE INDEX "Device_onboardingStatus_idx" ON "Device"("onboardingStatus");

-- CreateIndex
CREATE INDEX "Device_complianceState_idx" ON "Device"("complianceState");

-- CreateIndex
CREATE INDEX "Device_rbacGroupName_idx" ON "Device"("rbacGroupName");

-- CreateIndex
CREATE INDEX "Device_lastSeen_idx" ON "Device"("lastSeen");

-- CreateIndex
CREATE INDEX "Device_isolationState_idx" ON "Device"("isolationState");

-- CreateIndex
CREATE INDEX "Device_primaryUserUpn_idx" ON "Device"("primaryUserUpn");

-- CreateIndex
CREATE INDEX "Device_lastIpAddress_idx" ON "Device"("lastIpAddress");

-- CreateIndex
CREATE INDEX "MachineAction_machineId_status_idx" ON "MachineAction"("machineId", "status");

-- CreateIndex
CREATE INDEX "MachineAction_creationDateTimeUtc_idx" ON "MachineAction"("creationDateTimeUtc" DESC);

-- CreateIndex
CREATE INDEX "MachineAction_status_idx" ON "MachineAction"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ActionRequest_idempotencyKey_key" ON "ActionRequest"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ActionRequest_deviceId_createdAt_idx" ON "ActionRequest"("deviceId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ActionRequest_state_idx" ON "ActionRequest"("state");

-- CreateIndex
CREATE INDEX "ActionRequest_createdAt_idx" ON "ActionRequest"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "Vulnerability_severity_cvssV3_idx" ON "Vulnerability"("severity", "cvssV3" DESC);

-- CreateIndex
CREATE INDEX "Vulnerability_exposedMachines_idx" ON "Vulnerability"("exposedMachines" DESC);

-- CreateIndex
CREATE INDEX "Vulnerability_publishedOn_idx" ON "Vulnerability"("publishedOn" DESC);

-- CreateIndex
CREATE INDEX "Software_weaknesses_idx" ON "Software"("weaknesses" DESC);

-- CreateIndex
CREATE INDEX "DeviceVulnerability_machineId_idx" ON "DeviceVulnerability"("machineId");

-- CreateIndex
CREATE INDEX "DeviceVulnerability_cveId_idx" ON "DeviceVulnerability"("cveId");

-- CreateIndex
CREATE INDEX "DeviceVulnerability_productVendor_productName_idx" ON "DeviceVulnerability"("productVendor", "productName");

-- CreateIndex
CREATE INDEX "DeviceVulnerability_severity_idx" ON "DeviceVulnerability"("severity");

-- CreateIndex
CREATE INDEX "Recommendation_exposureImpact_idx" ON "Recommendation"("exposureImpact" DESC);

-- CreateIndex
CREATE INDEX "ScoreSnapshot_kind_day_idx" ON "ScoreSnapshot"("kind", "day");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "User_upn_key" ON "User"("upn");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "SavedView_page_shared_idx" ON "SavedView"("page", "shared");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_ownerId_page_name_key" ON "SavedView"("ownerId", "page", "name");

-- AddForeignKey
ALTER TABLE "AlertEvidence" ADD CONSTRAINT "AlertEvidence_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionRequest" ADD CONSTRAINT "ActionRequest_machineActionId_fkey" FOREIGN KEY ("machineActionId") REFERENCES "MachineAction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
