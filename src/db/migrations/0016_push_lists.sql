CREATE TABLE "push_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"import_id" integer NOT NULL,
	"chat_id" text NOT NULL,
	"pushed_by" text NOT NULL,
	"pushed_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"reminded_hours" integer,
	"deadline_reported_at" timestamp with time zone,
	"result_sent_at" timestamp with time zone,
	"batch_card_outbox_id" integer,
	CONSTRAINT "push_batches_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "push_cards" (
	"id" serial PRIMARY KEY NOT NULL,
	"batch_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"chat_id" text NOT NULL,
	"outbox_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "push_rows" (
	"id" serial PRIMARY KEY NOT NULL,
	"batch_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"village_id" integer,
	"forwarded_from" integer,
	"person_enc" text NOT NULL,
	"name_masked" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"type_label" text NOT NULL,
	"category_code" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"case_id" integer,
	"away_reason" text,
	"note" text,
	"decided_by" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "push_deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "push_batches" ADD CONSTRAINT "push_batches_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_cards" ADD CONSTRAINT "push_cards_batch_id_push_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."push_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_cards" ADD CONSTRAINT "push_cards_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_rows" ADD CONSTRAINT "push_rows_batch_id_push_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."push_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_rows" ADD CONSTRAINT "push_rows_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_rows" ADD CONSTRAINT "push_rows_forwarded_from_villages_id_fk" FOREIGN KEY ("forwarded_from") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_rows" ADD CONSTRAINT "push_rows_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_cards_batch_village" ON "push_cards" USING btree ("batch_id","village_id");--> statement-breakpoint
CREATE UNIQUE INDEX "push_rows_batch_person" ON "push_rows" USING btree ("batch_id","id_number_hash");--> statement-breakpoint
CREATE INDEX "push_rows_village" ON "push_rows" USING btree ("batch_id","village_id");