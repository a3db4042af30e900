-- CreateTable
CREATE TABLE "stale_policy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "document" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "stale_policy_pkey" PRIMARY KEY ("id")
);
