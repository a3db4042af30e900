-- AlterTable
ALTER TABLE "registries" ADD COLUMN     "written_read" JSONB;
