-- AlterTable
ALTER TABLE "registries" ADD COLUMN     "inventory_token" UUID;
