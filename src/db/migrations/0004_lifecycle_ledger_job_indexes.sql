CREATE TABLE "incoming_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"chat_id" text NOT NULL,
	"sender_open_id" text NOT NULL,
	"message_id" text NOT NULL,
	"file_key" text NOT NULL,
	"file_name" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"chat_id" text NOT NULL,
	"requested_by" text NOT NULL,
	"request_message_id" text NOT NULL,
	"file_message_id" text NOT NULL,
	"file_key" text NOT NULL,
	"file_name" text NOT NULL,
	"bound_village_id" integer,
	"allowed_village_ids" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"sealed_rows" text,
	"valid_count" integer,
	"errors" jsonb,
	"duplicates" jsonb,
	"preview_outbox_id" integer,
	"decided_by" text,
	"result" jsonb,
	"failure" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "extension_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "period_no" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "end_note" text;--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_files_message" ON "incoming_files" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "incoming_files_sender" ON "incoming_files" USING btree ("chat_id","sender_open_id","received_at");--> statement-breakpoint
CREATE INDEX "imports_status" ON "imports" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "duties_pending_due" ON "duties" USING btree ("due_date") WHERE "duties"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "duties_pending_card" ON "duties" USING btree ("village_id","due_date","case_id","window_start","id") WHERE "duties"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "duties_case_tests" ON "duties" USING btree ("case_id","day") WHERE "duties"."kind" = 'test';