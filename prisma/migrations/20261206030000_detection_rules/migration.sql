-- CreateTable
CREATE TABLE "DetectionRule" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "frequency" TEXT,
    "severity" TEXT,
    "detectorId" TEXT,
    "lastRunAt" TIMESTAMP(3),
    "lastRunStatus" TEXT,
    "lastRunError" TEXT,
    "lastModifiedAt" TIMESTAMP(3),
    "rule" JSONB NOT NULL,
    "savedQueryId" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DetectionRule_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "DetectionRule_tenantId_detectorId_idx" ON "DetectionRule"("tenantId", "detectorId");

-- CreateIndex
CREATE INDEX "Alert_tenantId_detectorId_idx" ON "Alert"("tenantId", "detectorId");
