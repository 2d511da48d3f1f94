-- CreateTable
CREATE TABLE "HuntingQuery" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "folder" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[],
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HuntingQuery_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "HuntingRun" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "query" TEXT NOT NULL,
    "queryHash" TEXT NOT NULL,
    "timespan" TEXT NOT NULL,
    "rowCount" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,

    CONSTRAINT "HuntingRun_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "HuntingThrottle" (
    "tenantId" TEXT NOT NULL,
    "limit" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HuntingThrottle_pkey" PRIMARY KEY ("tenantId","limit")
);

-- CreateIndex
CREATE INDEX "HuntingQuery_tenantId_shared_idx" ON "HuntingQuery"("tenantId", "shared");

-- CreateIndex
CREATE UNIQUE INDEX "HuntingQuery_tenantId_ownerId_name_key" ON "HuntingQuery"("tenantId", "ownerId", "name");

-- CreateIndex
CREATE INDEX "HuntingRun_tenantId_actorId_at_idx" ON "HuntingRun"("tenantId", "actorId", "at");

-- AddForeignKey
ALTER TABLE "HuntingQuery" ADD CONSTRAINT "HuntingQuery_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
