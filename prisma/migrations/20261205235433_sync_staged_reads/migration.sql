-- CreateTable
CREATE TABLE "sync_staged_reads" (
    "sync_run_id" INTEGER NOT NULL,
    "registry_arm_id" TEXT NOT NULL,
    "part" INTEGER NOT NULL,
    "repositories" TEXT[],
    "read" JSONB,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "throttled" INTEGER NOT NULL DEFAULT 0,
    "staged_at" TIMESTAMP(3),

    CONSTRAINT "sync_staged_reads_pkey" PRIMARY KEY ("sync_run_id","registry_arm_id","part")
);

-- AddForeignKey
ALTER TABLE "sync_staged_reads" ADD CONSTRAINT "sync_staged_reads_sync_run_id_fkey" FOREIGN KEY ("sync_run_id") REFERENCES "sync_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
