-- CreateTable
CREATE TABLE "CveExposure" (
    "scope" TEXT NOT NULL,
    "cveId" TEXT NOT NULL,
    "exposedDevices" INTEGER NOT NULL,

    CONSTRAINT "CveExposure_pkey" PRIMARY KEY ("scope","cveId")
);

-- CreateTable
CREATE TABLE "SoftwareExposure" (
    "scope" TEXT NOT NULL,
    "softwareId" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vulnerabilities" INTEGER NOT NULL,
    "critical" INTEGER NOT NULL,
    "exposedDevices" INTEGER NOT NULL,

    CONSTRAINT "SoftwareExposure_pkey" PRIMARY KEY ("scope","softwareId")
);

-- CreateTable
CREATE TABLE "VulnerabilityCountSnapshot" (
    "day" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "critical" INTEGER NOT NULL,
    "high" INTEGER NOT NULL,
    "medium" INTEGER NOT NULL,
    "low" INTEGER NOT NULL,
    "exposedDevices" INTEGER NOT NULL,
    "zeroDay" INTEGER NOT NULL,
    "exploitable" INTEGER NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VulnerabilityCountSnapshot_pkey" PRIMARY KEY ("scope","day")
);

-- CreateTable
CREATE TABLE "RemediationRequest" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "recommendationName" TEXT NOT NULL,
    "softwareId" TEXT,
    "scope" TEXT NOT NULL DEFAULT '',
    "owner" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "baselineExposed" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemediationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemediationProgress" (
    "requestId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "exposedDevices" INTEGER NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemediationProgress_pkey" PRIMARY KEY ("requestId","day")
);

-- CreateIndex
CREATE INDEX "CveExposure_scope_exposedDevices_idx" ON "CveExposure"("scope", "exposedDevices" DESC);

-- CreateIndex
CREATE INDEX "CveExposure_cveId_idx" ON "CveExposure"("cveId");

-- CreateIndex
CREATE INDEX "SoftwareExposure_scope_vulnerabilities_idx" ON "SoftwareExposure"("scope", "vulnerabilities" DESC);

-- CreateIndex
CREATE INDEX "RemediationRequest_dueOn_idx" ON "RemediationRequest"("dueOn");

-- CreateIndex
CREATE INDEX "RemediationRequest_recommendationId_idx" ON "RemediationRequest"("recommendationId");

-- CreateIndex
CREATE INDEX "RemediationRequest_createdAt_idx" ON "RemediationRequest"("createdAt" DESC);

-- AddForeignKey
ALTER TABLE "RemediationProgress" ADD CONSTRAINT "RemediationProgress_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "RemediationRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
