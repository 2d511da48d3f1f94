-- AlterTable
ALTER TABLE "ActionRequest" ADD COLUMN     "decidedById" TEXT,
ADD COLUMN     "decidedByName" TEXT;

-- Whoever decided a request so far was stored as its approver. A rejection or withdrawal keeps its decider only.
UPDATE "ActionRequest" SET "decidedById" = "approvedById", "decidedByName" = "approvedByName" WHERE "decidedAt" IS NOT NULL;
UPDATE "ActionRequest" SET "approvedById" = NULL, "approvedByName" = NULL WHERE "state" IN ('Rejected', 'Withdrawn');
