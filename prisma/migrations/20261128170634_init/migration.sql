-- CreateTable
CREATE TABLE "subscriptions" (
    "id" TEXT NOT NULL,
    "display_name" TEXT,
    "state" TEXT,
    "tenant_id" TEXT,
    "last_synced_at" TIMESTAMP(3),

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registries" (
    "id" SERIAL NOT NULL,
    "arm_id" TEXT NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "resource_group" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "login_server" TEXT NOT NULL,
    "sku_name" TEXT NOT NULL,
    "sku_tier" TEXT,
    "created_at" TIMESTAMP(3),
    "provisioning_state" TEXT,
    "admin_user_enabled" BOOLEAN NOT NULL DEFAULT false,
    "public_network_access" TEXT,
    "network_rule_default_action" TEXT,
    "network_rule_ip_count" INTEGER NOT NULL DEFAULT 0,
    "network_rule_bypass_options" TEXT,
    "anonymous_pull_enabled" BOOLEAN NOT NULL DEFAULT false,
    "data_endpoint_enabled" BOOLEAN NOT NULL DEFAULT false,
    "zone_redundancy" TEXT,
    "encryption_status" TEXT,
    "private_endpoint_count" INTEGER NOT NULL DEFAULT 0,
    "quarantine_policy_status" TEXT,
    "trust_policy_status" TEXT,
    "retention_policy_status" TEXT,
    "retention_policy_days" INTEGER,
    "soft_delete_policy_status" TEXT,
    "soft_delete_policy_days" INTEGER,
    "export_policy_status" TEXT,
    "role_assignment_mode" TEXT,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "repository_count" INTEGER NOT NULL DEFAULT 0,
    "manifest_count" INTEGER NOT NULL DEFAULT 0,
    "tag_count" INTEGER NOT NULL DEFAULT 0,
    "logical_bytes" BIGINT NOT NULL DEFAULT 0,
    "stored_bytes" BIGINT NOT NULL DEFAULT 0,
    "reported_usage_bytes" BIGINT,
    "last_synced_at" TIMESTAMP(3),
    "removed_at" TIMESTAMP(3),

    CONSTRAINT "registries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registry_usages" (
    "registry_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "limit" BIGINT,
    "current_value" BIGINT NOT NULL,
    "unit" TEXT,

    CONSTRAINT "registry_usages_pkey" PRIMARY KEY ("registry_id","name")
);

-- CreateTable
CREATE TABLE "replications" (
    "registry_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "arm_id" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "provisioning_state" TEXT,
    "status" TEXT,
    "region_endpoint_enabled" BOOLEAN NOT NULL DEFAULT true,
    "zone_redundancy" TEXT,
    "tags" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "replications_pkey" PRIMARY KEY ("registry_id","name")
);

-- CreateTable
CREATE TABLE "webhooks" (
    "registry_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT,
    "status" TEXT,
    "scope" TEXT,
    "actions" TEXT[],
    "provisioning_state" TEXT,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("registry_id","name")
);

-- CreateTable
CREATE TABLE "tasks" (
    "registry_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT,
    "platform_os" TEXT,
    "platform_arch" TEXT,
    "cpu" INTEGER,
    "timeout_seconds" INTEGER,
    "provisioning_state" TEXT,
    "created_at" TIMESTAMP(3),

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("registry_id","name")
);

-- CreateTable
CREATE TABLE "task_runs" (
    "registry_id" INTEGER NOT NULL,
    "run_id" TEXT NOT NULL,
    "task_name" TEXT,
    "status" TEXT,
    "run_type" TEXT,
    "created_at" TIMESTAMP(3),
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "cpu" INTEGER,
    "platform_os" TEXT,
    "platform_arch" TEXT,
    "output_images" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "task_runs_pkey" PRIMARY KEY ("registry_id","run_id")
);

-- CreateTable
CREATE TABLE "repositories" (
    "id" SERIAL NOT NULL,
    "registry_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3),
    "last_updated_at" TIMESTAMP(3),
    "delete_enabled" BOOLEAN NOT NULL DEFAULT true,
    "write_enabled" BOOLEAN NOT NULL DEFAULT true,
    "list_enabled" BOOLEAN NOT NULL DEFAULT true,
    "read_enabled" BOOLEAN NOT NULL DEFAULT true,
    "manifest_count" INTEGER NOT NULL DEFAULT 0,
    "tag_count" INTEGER NOT NULL DEFAULT 0,
    "untagged_manifest_count" INTEGER NOT NULL DEFAULT 0,
    "logical_bytes" BIGINT NOT NULL DEFAULT 0,
    "unique_bytes" BIGINT NOT NULL DEFAULT 0,
    "attributed_bytes" BIGINT NOT NULL DEFAULT 0,
    "synced_at" TIMESTAMP(3),

    CONSTRAINT "repositories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "manifests" (
    "id" BIGSERIAL NOT NULL,
    "repository_id" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "media_type" TEXT,
    "artifact_type" TEXT,
    "subject_digest" TEXT,
    "parent_index_digest" TEXT,
    "size_bytes" BIGINT NOT NULL DEFAULT 0,
    "architecture" TEXT,
    "os" TEXT,
    "created_at" TIMESTAMP(3),
    "last_updated_at" TIMESTAMP(3),
    "delete_enabled" BOOLEAN NOT NULL DEFAULT true,
    "write_enabled" BOOLEAN NOT NULL DEFAULT true,
    "list_enabled" BOOLEAN NOT NULL DEFAULT true,
    "read_enabled" BOOLEAN NOT NULL DEFAULT true,
    "tag_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "manifests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "manifest_contents" (
    "digest" TEXT NOT NULL,
    "media_type" TEXT,
    "artifact_type" TEXT,
    "subject_digest" TEXT,
    "config_digest" TEXT,
    "body_bytes" INTEGER NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "manifest_contents_pkey" PRIMARY KEY ("digest")
);

-- CreateTable
CREATE TABLE "blobs" (
    "digest" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "media_type" TEXT,

    CONSTRAINT "blobs_pkey" PRIMARY KEY ("digest")
);

-- CreateTable
CREATE TABLE "manifest_blobs" (
    "manifest_digest" TEXT NOT NULL,
    "blob_digest" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "manifest_blobs_pkey" PRIMARY KEY ("manifest_digest","blob_digest")
);

-- CreateTable
CREATE TABLE "manifest_children" (
    "index_digest" TEXT NOT NULL,
    "child_digest" TEXT NOT NULL,
    "architecture" TEXT,
    "os" TEXT,
    "variant" TEXT,

    CONSTRAINT "manifest_children_pkey" PRIMARY KEY ("index_digest","child_digest")
);

-- CreateTable
CREATE TABLE "tags" (
    "id" BIGSERIAL NOT NULL,
    "repository_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "created_at" TIMESTAMP(3),
    "last_updated_at" TIMESTAMP(3),
    "delete_enabled" BOOLEAN NOT NULL DEFAULT true,
    "write_enabled" BOOLEAN NOT NULL DEFAULT true,
    "list_enabled" BOOLEAN NOT NULL DEFAULT true,
    "read_enabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "tags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" SERIAL NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL DEFAULT 'cli',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "as_of" TIMESTAMP(3) NOT NULL,
    "registries" INTEGER NOT NULL DEFAULT 0,
    "repositories" INTEGER NOT NULL DEFAULT 0,
    "manifests" INTEGER NOT NULL DEFAULT 0,
    "tags" INTEGER NOT NULL DEFAULT 0,
    "bodies_fetched" INTEGER NOT NULL DEFAULT 0,
    "duration_ms" INTEGER,
    "progress" JSONB NOT NULL DEFAULT '{}',
    "errors" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_registry_results" (
    "sync_run_id" INTEGER NOT NULL,
    "registry_arm_id" TEXT NOT NULL,
    "registry_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "repositories" INTEGER NOT NULL DEFAULT 0,
    "repositories_listed" INTEGER NOT NULL DEFAULT 0,
    "manifests" INTEGER NOT NULL DEFAULT 0,
    "tags" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "sync_registry_results_pkey" PRIMARY KEY ("sync_run_id","registry_arm_id")
);

-- CreateTable
CREATE TABLE "registry_snapshots" (
    "registry_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "sku_name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "replica_count" INTEGER NOT NULL,
    "replica_locations" TEXT[],
    "repository_count" INTEGER NOT NULL,
    "manifest_count" INTEGER NOT NULL,
    "tag_count" INTEGER NOT NULL,
    "logical_bytes" BIGINT NOT NULL,
    "stored_bytes" BIGINT NOT NULL,
    "reported_usage_bytes" BIGINT,
    "captured_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "registry_snapshots_pkey" PRIMARY KEY ("registry_id","day")
);

-- CreateTable
CREATE TABLE "repository_snapshots" (
    "registry_id" INTEGER NOT NULL,
    "repository_name" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "manifest_count" INTEGER NOT NULL,
    "tag_count" INTEGER NOT NULL,
    "untagged_manifest_count" INTEGER NOT NULL,
    "logical_bytes" BIGINT NOT NULL,
    "unique_bytes" BIGINT NOT NULL,
    "attributed_bytes" BIGINT NOT NULL,
    "captured_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "repository_snapshots_pkey" PRIMARY KEY ("registry_id","repository_name","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "registries_arm_id_key" ON "registries"("arm_id");

-- CreateIndex
CREATE INDEX "registries_subscription_id_idx" ON "registries"("subscription_id");

-- CreateIndex
CREATE INDEX "registries_name_idx" ON "registries"("name");

-- CreateIndex
CREATE INDEX "registries_removed_at_idx" ON "registries"("removed_at");

-- CreateIndex
CREATE INDEX "task_runs_finished_at_idx" ON "task_runs"("finished_at");

-- CreateIndex
CREATE INDEX "repositories_name_idx" ON "repositories"("name");

-- CreateIndex
CREATE INDEX "repositories_logical_bytes_idx" ON "repositories"("logical_bytes");

-- CreateIndex
CREATE INDEX "repositories_unique_bytes_idx" ON "repositories"("unique_bytes");

-- CreateIndex
CREATE INDEX "repositories_attributed_bytes_idx" ON "repositories"("attributed_bytes");

-- CreateIndex
CREATE INDEX "repositories_manifest_count_idx" ON "repositories"("manifest_count");

-- CreateIndex
CREATE INDEX "repositories_tag_count_idx" ON "repositories"("tag_count");

-- CreateIndex
CREATE INDEX "repositories_untagged_manifest_count_idx" ON "repositories"("untagged_manifest_count");

-- CreateIndex
CREATE INDEX "repositories_last_updated_at_idx" ON "repositories"("last_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "repositories_registry_id_name_key" ON "repositories"("registry_id", "name");

-- CreateIndex
CREATE INDEX "manifests_digest_idx" ON "manifests"("digest");

-- CreateIndex
CREATE INDEX "manifests_subject_digest_idx" ON "manifests"("subject_digest");

-- CreateIndex
CREATE INDEX "manifests_created_at_idx" ON "manifests"("created_at");

-- CreateIndex
CREATE INDEX "manifests_last_updated_at_idx" ON "manifests"("last_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "manifests_repository_id_digest_key" ON "manifests"("repository_id", "digest");

-- CreateIndex
CREATE INDEX "manifest_blobs_blob_digest_idx" ON "manifest_blobs"("blob_digest");

-- CreateIndex
CREATE INDEX "manifest_children_child_digest_idx" ON "manifest_children"("child_digest");

-- CreateIndex
CREATE INDEX "tags_repository_id_digest_idx" ON "tags"("repository_id", "digest");

-- CreateIndex
CREATE INDEX "tags_last_updated_at_idx" ON "tags"("last_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "tags_repository_id_name_key" ON "tags"("repository_id", "name");

-- CreateIndex
CREATE INDEX "sync_runs_started_at_idx" ON "sync_runs"("started_at");

-- CreateIndex
CREATE INDEX "registry_snapshots_day_idx" ON "registry_snapshots"("day");

-- CreateIndex
CREATE INDEX "repository_snapshots_day_idx" ON "repository_snapshots"("day");

-- AddForeignKey
ALTER TABLE "registries" ADD CONSTRAINT "registries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registry_usages" ADD CONSTRAINT "registry_usages_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replications" ADD CONSTRAINT "replications_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_runs" ADD CONSTRAINT "task_runs_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repositories" ADD CONSTRAINT "repositories_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "manifests" ADD CONSTRAINT "manifests_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "manifest_blobs" ADD CONSTRAINT "manifest_blobs_manifest_digest_fkey" FOREIGN KEY ("manifest_digest") REFERENCES "manifest_contents"("digest") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "manifest_blobs" ADD CONSTRAINT "manifest_blobs_blob_digest_fkey" FOREIGN KEY ("blob_digest") REFERENCES "blobs"("digest") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "manifest_children" ADD CONSTRAINT "manifest_children_index_digest_fkey" FOREIGN KEY ("index_digest") REFERENCES "manifest_contents"("digest") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tags" ADD CONSTRAINT "tags_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_registry_results" ADD CONSTRAINT "sync_registry_results_sync_run_id_fkey" FOREIGN KEY ("sync_run_id") REFERENCES "sync_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
