ALTER TABLE "cases" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "content_enc" text;--> statement-breakpoint
CREATE INDEX "outbox_delivered" ON "outbox" USING btree ("delivered_at") WHERE "outbox"."status" = 'delivered';--> statement-breakpoint
-- Delivered messages need their content no more: dropped here. Pending and failed ones are
-- sealed by the app at start (sealLegacyOutbox), as SQL does not hold the key.
UPDATE "outbox" SET "operation" = "operation" - 'content' - 'sealedData' WHERE "status" = 'delivered';
