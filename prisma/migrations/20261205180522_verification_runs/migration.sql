-- CreateTable
CREATE TABLE "verification_runs" (
    "id" SERIAL NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "repair" BOOLEAN NOT NULL DEFAULT false,
    "checks" JSONB NOT NULL DEFAULT '[]',
    "violations" JSONB NOT NULL DEFAULT '[]',
    "violation_count" INTEGER NOT NULL DEFAULT 0,
    "repaired_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "verification_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "verification_runs_started_at_idx" ON "verification_runs"("started_at");
