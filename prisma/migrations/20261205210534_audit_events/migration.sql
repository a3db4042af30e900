-- CreateTable
CREATE TABLE "audit_events" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actor_subject" TEXT NOT NULL,
    "roles" TEXT[],
    "via" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chargeback_config_versions" (
    "id" SERIAL NOT NULL,
    "saved_at" TIMESTAMPTZ(3) NOT NULL,
    "document" TEXT NOT NULL,
    "saved_by" TEXT,

    CONSTRAINT "chargeback_config_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- CreateIndex
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at");

-- CreateIndex
CREATE INDEX "chargeback_config_versions_saved_at_idx" ON "chargeback_config_versions"("saved_at");

-- The document stored before versions were kept becomes the first version (saved by nobody known).
INSERT INTO "chargeback_config_versions" ("saved_at", "document", "saved_by")
SELECT "updated_at" AT TIME ZONE 'UTC', "document", NULL FROM "chargeback_config";
