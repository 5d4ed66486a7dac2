ALTER TABLE "case_alerts" ADD COLUMN "fever_clinic_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_alerts" ADD COLUMN "fever_clinic_by" text;--> statement-breakpoint
ALTER TABLE "duties" ADD COLUMN "result_overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "kind" text DEFAULT 'cases' NOT NULL;--> statement-breakpoint
CREATE INDEX "duties_awaiting_result" ON "duties" USING btree ("sampled_at") WHERE "duties"."status" = 'sampled';--> statement-breakpoint
-- A sampled test without a result was 'pending' with sampled_at set; it now has its own state.
UPDATE "duties" SET "status" = 'sampled' WHERE "status" = 'pending' AND "sampled_at" IS NOT NULL AND "result" IS NULL;
