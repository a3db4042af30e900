-- AlterTable
ALTER TABLE "sync_registry_results" ADD COLUMN     "requests" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "throttled" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "requests" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "throttled" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "registry_read_budgets" (
    "login_server" TEXT NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "used" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL,

    CONSTRAINT "registry_read_budgets_pkey" PRIMARY KEY ("login_server","window_start")
);
