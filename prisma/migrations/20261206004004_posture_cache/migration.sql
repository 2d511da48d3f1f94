-- CreateTable
CREATE TABLE "DeviceAvHealth" (
    "tenantId" TEXT NOT NULL,
    "machineId" TEXT NOT NULL,
    "computerDnsName" TEXT,
    "osKind" TEXT,
    "osPlatform" TEXT,
    "rbacGroupName" TEXT,
    "avMode" TEXT,
    "signatureUpToDate" TEXT,
    "engineUpToDate" TEXT,
    "platformUpToDate" TEXT,
    "signatureVersion" TEXT,
    "engineVersion" TEXT,
    "platformVersion" TEXT,
    "signatureUpdatedAt" TIMESTAMP(3),
    "quickScanAt" TIMESTAMP(3),
    "quickScanResult" TEXT,
    "fullScanAt" TIMESTAMP(3),
    "fullScanResult" TEXT,
    "lastSeenAt" TIMESTAMP(3),
    "tamperCompliant" BOOLEAN,
    "realTimeCompliant" BOOLEAN,
    "behaviorCompliant" BOOLEAN,
    "cloudCompliant" BOOLEAN,
    "puaCompliant" BOOLEAN,
    "sensorCompliant" BOOLEAN,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceAvHealth_pkey" PRIMARY KEY ("tenantId","machineId")
);

-- CreateTable
CREATE TABLE "IntuneProtectionState" (
    "tenantId" TEXT NOT NULL,
    "managedDeviceId" TEXT NOT NULL,
    "deviceName" TEXT,
    "azureADDeviceId" TEXT,
    "malwareProtection" BOOLEAN,
    "realTimeProtection" BOOLEAN,
    "tamperProtection" BOOLEAN,
    "signatureUpdateOverdue" BOOLEAN,
    "quickScanOverdue" BOOLEAN,
    "fullScanOverdue" BOOLEAN,
    "deviceState" TEXT,
    "productStatus" TEXT,
    "signatureVersion" TEXT,
    "engineVersion" TEXT,
    "lastQuickScanAt" TIMESTAMP(3),
    "lastFullScanAt" TIMESTAMP(3),
    "lastReportedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntuneProtectionState_pkey" PRIMARY KEY ("tenantId","managedDeviceId")
);

-- CreateTable
CREATE TABLE "PosturePolicy" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "odataType" TEXT,
    "templateFamily" TEXT,
    "platforms" TEXT,
    "requiredThreatLevel" TEXT,
    "settingIds" TEXT[],
    "asrModes" JSONB,
    "groupIds" TEXT[],
    "excludedGroupIds" TEXT[],
    "createdAt" TIMESTAMP(3),
    "lastModifiedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosturePolicy_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PostureDeviceState" (
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "policyId" TEXT NOT NULL DEFAULT '',
    "subject" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostureDeviceState_pkey" PRIMARY KEY ("tenantId","kind","policyId","subject")
);

-- CreateTable
CREATE TABLE "PostureGroupMember" (
    "tenantId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "aadDeviceId" TEXT NOT NULL,
    "groupName" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostureGroupMember_pkey" PRIMARY KEY ("tenantId","groupId","aadDeviceId")
);

-- CreateTable
CREATE TABLE "PostureConnector" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "partnerState" TEXT,
    "lastHeartbeatAt" TIMESTAMP(3),
    "thresholdDays" INTEGER,
    "androidEnabled" BOOLEAN,
    "iosEnabled" BOOLEAN,
    "windowsEnabled" BOOLEAN,
    "macEnabled" BOOLEAN,
    "settingsManagementEnabled" BOOLEAN,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostureConnector_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PostureLicence" (
    "tenantId" TEXT NOT NULL,
    "skuId" TEXT NOT NULL,
    "skuPartNumber" TEXT,
    "capabilityStatus" TEXT,
    "servicePlans" TEXT[],
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostureLicence_pkey" PRIMARY KEY ("tenantId","skuId")
);

-- CreateTable
CREATE TABLE "PostureSnapshot" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "mdeDevices" INTEGER NOT NULL,
    "intuneDevices" INTEGER NOT NULL,
    "enrolledNotOnboarded" INTEGER NOT NULL,
    "signaturesOutOfDate" INTEGER NOT NULL,
    "passiveMode" INTEGER NOT NULL,
    "realTimeProtectionOff" INTEGER NOT NULL,
    "tamperProtectionOff" INTEGER NOT NULL,
    "mobileAboveAllowed" INTEGER NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostureSnapshot_pkey" PRIMARY KEY ("tenantId","day")
);

-- CreateIndex
CREATE INDEX "PostureGroupMember_tenantId_aadDeviceId_idx" ON "PostureGroupMember"("tenantId", "aadDeviceId");
