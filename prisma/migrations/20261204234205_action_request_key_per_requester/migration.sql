/*
  Warnings:

  - A unique constraint covering the columns `[requestedById,idempotencyKey]` on the table `ActionRequest` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "ActionRequest_idempotencyKey_key";

-- CreateIndex
CREATE INDEX "ActionRequest_idempotencyKey_idx" ON "ActionRequest"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "ActionRequest_requestedById_idempotencyKey_key" ON "ActionRequest"("requestedById", "idempotencyKey");
