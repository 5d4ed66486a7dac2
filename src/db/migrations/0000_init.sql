CREATE TABLE "villages" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "villages_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "chat_bindings" (
	"chat_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"village_id" integer,
	"taskforce" text,
	"bound_by" text NOT NULL,
	"bound_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"open_id" text NOT NULL,
	"role" text NOT NULL,
	"village_id" integer,
	"granted_by" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"village_id" integer NOT NULL,
	"name" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"phone_enc" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"category" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"address" text,
	"status" text DEFAULT 'active' NOT NULL,
	"registered_by" text NOT NULL,
	"registered_in_chat" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_open_id" text NOT NULL,
	"chat_id" text,
	"action" text NOT NULL,
	"case_id" integer,
	"before" jsonb,
	"after" jsonb,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"message_id" text,
	"event_type" text NOT NULL,
	"payload_enc" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "inbox_event_id_unique" UNIQUE("event_id"),
	CONSTRAINT "inbox_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"target" text NOT NULL,
	"operation" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"last_error_code" integer,
	"lark_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"failed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"next_allowed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unreachable_chats" (
	"target" text PRIMARY KEY NOT NULL,
	"code" integer,
	"reason" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"kind" text NOT NULL,
	"temperature" double precision,
	"symptoms" jsonb,
	"duty_id" integer,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"recheck_due_at" timestamp with time zone,
	"repeated_at" timestamp with time zone,
	"recheck_celsius" double precision,
	"recheck_at" timestamp with time zone,
	"recheck_by" text,
	"card_copies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"transfer_requested_at" timestamp with time zone,
	"transfer_requested_by" text,
	"closed_at" timestamp with time zone,
	"closed_by" text
);
--> statement-breakpoint
CREATE TABLE "duties" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"kind" text NOT NULL,
	"day" integer NOT NULL,
	"due_date" date NOT NULL,
	"slot" text,
	"phase" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"sampled_at" timestamp with time zone,
	"sampled_by" text,
	"result" text,
	"temperature" double precision,
	"symptoms" jsonb,
	"completed_by" text,
	"completed_at" timestamp with time zone,
	"resample_of" integer
);
--> statement-breakpoint
ALTER TABLE "chat_bindings" ADD CONSTRAINT "chat_bindings_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_alerts" ADD CONSTRAINT "case_alerts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "role_grants_unique" ON "role_grants" USING btree ("open_id","role",coalesce("village_id", 0));--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_active_per_person" ON "cases" USING btree ("id_number_hash") WHERE "cases"."status" = 'active';--> statement-breakpoint
CREATE INDEX "cases_village_status" ON "cases" USING btree ("village_id","status");--> statement-breakpoint
CREATE INDEX "audit_log_case" ON "audit_log" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "inbox_pending" ON "inbox" USING btree ("id") WHERE "inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("target","id") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_failed" ON "outbox" USING btree ("failed_at") WHERE "outbox"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "case_alerts_case" ON "case_alerts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_alerts_open_recheck" ON "case_alerts" USING btree ("recheck_due_at");--> statement-breakpoint
CREATE INDEX "duties_village_day" ON "duties" USING btree ("village_id","due_date","kind");--> statement-breakpoint
CREATE INDEX "duties_case" ON "duties" USING btree ("case_id");