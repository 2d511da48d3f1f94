-- AlterTable
ALTER TABLE "ActionRequest" ADD COLUMN     "commands" JSONB,
ADD COLUMN     "output" JSONB,
ADD COLUMN     "runbookTaskId" TEXT;

-- CreateTable
CREATE TABLE "RunbookTemplate" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category" TEXT,
    "minSeverity" TEXT,
    "detectionSource" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "tasks" JSONB NOT NULL,
    "updatedByName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunbookTemplate_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "RunbookTask" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "incidentId" BIGINT NOT NULL,
    "templateId" TEXT NOT NULL,
    "runbookName" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "doneByName" TEXT,
    "doneAt" TIMESTAMP(3),
    "assigneeId" TEXT,
    "assigneeName" TEXT,
    "comment" TEXT,
    "actionRequestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunbookTask_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RunbookTemplate_tenantId_name_key" ON "RunbookTemplate"("tenantId", "name");

-- CreateIndex
CREATE INDEX "RunbookTask_tenantId_incidentId_idx" ON "RunbookTask"("tenantId", "incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "RunbookTask_tenantId_incidentId_position_key" ON "RunbookTask"("tenantId", "incidentId", "position");
