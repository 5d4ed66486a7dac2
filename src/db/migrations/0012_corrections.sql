CREATE TABLE "corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"village_id" integer NOT NULL,
	"case_id" integer,
	"issue" text NOT NULL,
	"due_date" date NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"chat_id" text NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"closing_note" text
);
--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "corrections_open" ON "corrections" USING btree ("village_id") WHERE "corrections"."closed_at" is null;