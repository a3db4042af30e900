-- CreateTable
CREATE TABLE "registry_derived" (
    "registry_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "inventory_token" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registry_derived_pkey" PRIMARY KEY ("registry_id","kind")
);

-- AddForeignKey
ALTER TABLE "registry_derived" ADD CONSTRAINT "registry_derived_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
