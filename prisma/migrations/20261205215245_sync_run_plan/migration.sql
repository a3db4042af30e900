-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "plan" JSONB;
