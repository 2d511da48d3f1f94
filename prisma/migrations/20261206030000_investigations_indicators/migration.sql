-- CreateTable
CREATE TABLE "Investigation" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "startTime" TIMESTAMP(3),
    "endTime" TIMESTAMP(3),
    "machineId" TEXT NOT NULL,
    "computerDnsName" TEXT,
    "triggeringAlertId" TEXT,
    "statusDetails" TEXT,
    "cancelledBy" TEXT,
    "startedBy" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Investigation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "indicatorValue" TEXT NOT NULL,
    "indicatorType" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "severity" TEXT,
    "title" TEXT,
    "description" TEXT,
    "generateAlert" BOOLEAN,
    "expirationTime" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3),
    "createdBy" TEXT,
    "lastUpdateTime" TIMESTAMP(3),
    "source" TEXT,
    "rbacGroupNames" TEXT[],
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "Investigation_tenantId_machineId_idx" ON "Investigation"("tenantId", "machineId");

-- CreateIndex
CREATE INDEX "Investigation_tenantId_triggeringAlertId_idx" ON "Investigation"("tenantId", "triggeringAlertId");

-- CreateIndex
CREATE INDEX "Investigation_tenantId_state_idx" ON "Investigation"("tenantId", "state");

-- CreateIndex
CREATE INDEX "Investigation_startTime_tenantId_idx" ON "Investigation"("startTime" DESC, "tenantId");

-- CreateIndex
CREATE INDEX "Indicator_tenantId_indicatorValue_idx" ON "Indicator"("tenantId", "indicatorValue");

-- CreateIndex
CREATE INDEX "Indicator_createdAt_tenantId_idx" ON "Indicator"("createdAt" DESC, "tenantId");
