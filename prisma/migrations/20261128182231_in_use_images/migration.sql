-- CreateTable
CREATE TABLE "in_use_imports" (
    "id" SERIAL NOT NULL,
    "cluster_name" TEXT NOT NULL,
    "source_kind" TEXT NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reference_count" INTEGER NOT NULL,
    "image_count" INTEGER NOT NULL,

    CONSTRAINT "in_use_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "in_use_image_references" (
    "id" BIGSERIAL NOT NULL,
    "import_id" INTEGER NOT NULL,
    "login_server" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "tag" TEXT,
    "digest" TEXT,
    "digest_source" TEXT,
    "namespace" TEXT,
    "pod" TEXT,
    "container" TEXT,
    "occurrences" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "in_use_image_references_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "in_use_imports_cluster_name_key" ON "in_use_imports"("cluster_name");

-- CreateIndex
CREATE INDEX "in_use_image_references_import_id_idx" ON "in_use_image_references"("import_id");

-- CreateIndex
CREATE INDEX "in_use_image_references_login_server_repository_digest_idx" ON "in_use_image_references"("login_server", "repository", "digest");

-- CreateIndex
CREATE INDEX "in_use_image_references_login_server_repository_tag_idx" ON "in_use_image_references"("login_server", "repository", "tag");

-- AddForeignKey
ALTER TABLE "in_use_image_references" ADD CONSTRAINT "in_use_image_references_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "in_use_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;
