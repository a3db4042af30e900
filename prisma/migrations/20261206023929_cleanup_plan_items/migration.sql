-- CreateTable
CREATE TABLE "cleanup_plan_items" (
    "registry_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "plan_id" UUID NOT NULL,
    "repository" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "reason_code" TEXT NOT NULL,
    "reason_index" INTEGER NOT NULL,
    "last_updated_at" TIMESTAMPTZ(3),
    "size_bytes" BIGINT NOT NULL,

    CONSTRAINT "cleanup_plan_items_pkey" PRIMARY KEY ("registry_id","position")
);

-- AddForeignKey
ALTER TABLE "cleanup_plan_items" ADD CONSTRAINT "cleanup_plan_items_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
