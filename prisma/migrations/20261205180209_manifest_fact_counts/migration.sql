-- AlterTable
ALTER TABLE "manifest_contents" ADD COLUMN     "blob_count" INTEGER,
ADD COLUMN     "child_count" INTEGER;
