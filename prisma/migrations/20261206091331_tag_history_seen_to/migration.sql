-- CreateIndex
CREATE INDEX "tag_history_seen_to_idx" ON "tag_history"("seen_to");
