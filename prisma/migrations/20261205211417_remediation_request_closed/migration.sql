-- AlterTable
ALTER TABLE "RemediationRequest" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "closedByName" TEXT;
