-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "intuneMissingSince" TIMESTAMP(3),
ADD COLUMN     "mdeMissingSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncState" ADD COLUMN     "lastFullAt" TIMESTAMP(3);
