-- CreateTable
CREATE TABLE "NotificationChannel" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "secret" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "NotificationRule" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "eventType" TEXT NOT NULL,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "channelIds" TEXT[],
    "digest" TEXT NOT NULL DEFAULT 'immediate',
    "quietHours" JSONB,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "NotificationRule_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "NotificationEvent" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "routedAt" TIMESTAMP(3),

    CONSTRAINT "NotificationEvent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "tenantId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "digestKey" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("tenantId","eventId","channelId")
);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "durationMs" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationAttempt_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NotificationChannel_tenantId_name_key" ON "NotificationChannel"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationRule_tenantId_name_key" ON "NotificationRule"("tenantId", "name");

-- CreateIndex
CREATE INDEX "NotificationEvent_tenantId_routedAt_createdAt_idx" ON "NotificationEvent"("tenantId", "routedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationEvent_tenantId_dedupeKey_key" ON "NotificationEvent"("tenantId", "dedupeKey");

-- CreateIndex
CREATE INDEX "NotificationDelivery_tenantId_state_nextAttemptAt_idx" ON "NotificationDelivery"("tenantId", "state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NotificationAttempt_tenantId_at_idx" ON "NotificationAttempt"("tenantId", "at" DESC);

-- CreateIndex
CREATE INDEX "NotificationAttempt_tenantId_eventId_channelId_idx" ON "NotificationAttempt"("tenantId", "eventId", "channelId");

-- AddForeignKey
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_tenantId_eventId_fkey" FOREIGN KEY ("tenantId", "eventId") REFERENCES "NotificationEvent"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
