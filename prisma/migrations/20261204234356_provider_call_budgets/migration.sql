-- CreateTable
CREATE TABLE "ProviderCall" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProviderCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProviderCall_tenantId_family_takenAt_idx" ON "ProviderCall"("tenantId", "family", "takenAt");
