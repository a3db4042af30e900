-- AlterTable
ALTER TABLE "in_use_image_references" ADD COLUMN     "resource_id" TEXT;

-- AlterTable
ALTER TABLE "registry_snapshots" ADD COLUMN     "attributed_bytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "unique_bytes" BIGINT NOT NULL DEFAULT 0;

-- Backfill: at registry level every blob is counted once, so unique = attributed = stored.
UPDATE "registry_snapshots" SET "unique_bytes" = "stored_bytes", "attributed_bytes" = "stored_bytes";

-- CreateTable
CREATE TABLE "tag_history" (
    "id" BIGSERIAL NOT NULL,
    "registry_id" INTEGER NOT NULL,
    "repository_name" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "seen_from" TIMESTAMP(3) NOT NULL,
    "seen_to" TIMESTAMP(3),

    CONSTRAINT "tag_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chargeback_config" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "document" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "chargeback_config_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billed_costs" (
    "month" DATE NOT NULL,
    "resource_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "billed_micros" BIGINT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billed_costs_pkey" PRIMARY KEY ("month","resource_id")
);

-- CreateIndex
CREATE INDEX "tag_history_registry_id_repository_name_tag_seen_from_idx" ON "tag_history"("registry_id", "repository_name", "tag", "seen_from");

-- CreateIndex
CREATE INDEX "tag_history_seen_from_idx" ON "tag_history"("seen_from");
