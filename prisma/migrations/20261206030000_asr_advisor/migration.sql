-- CreateTable
CREATE TABLE "AsrHit" (
    "tenantId" TEXT NOT NULL,
    "actionType" TEXT NOT NULL,
    "ruleGuid" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "deviceName" TEXT,
    "fileName" TEXT NOT NULL,
    "folderPath" TEXT NOT NULL,
    "processName" TEXT NOT NULL,
    "hits14" INTEGER NOT NULL,
    "hits30" INTEGER NOT NULL,
    "lastAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AsrHit_pkey" PRIMARY KEY ("tenantId","actionType","deviceId","folderPath","fileName","processName")
);

-- CreateTable
CREATE TABLE "AsrHitRefresh" (
    "tenantId" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3),
    "attemptedAt" TIMESTAMP(3) NOT NULL,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "AsrHitRefresh_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "AsrExclusion" (
    "tenantId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdByName" TEXT NOT NULL,

    CONSTRAINT "AsrExclusion_pkey" PRIMARY KEY ("tenantId","path")
);

-- CreateIndex
CREATE INDEX "AsrHit_tenantId_ruleGuid_idx" ON "AsrHit"("tenantId", "ruleGuid");
