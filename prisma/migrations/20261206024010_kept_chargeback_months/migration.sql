-- CreateTable
CREATE TABLE "kept_chargeback_months" (
    "registry_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "config_hash" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kept_chargeback_months_pkey" PRIMARY KEY ("registry_id","month","config_hash")
);

-- AddForeignKey
ALTER TABLE "kept_chargeback_months" ADD CONSTRAINT "kept_chargeback_months_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
