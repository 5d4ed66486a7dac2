CREATE TABLE "village_reports" (
	"village_id" integer NOT NULL,
	"report_date" date NOT NULL,
	"report" text NOT NULL,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"chat_id" text NOT NULL,
	"note" text,
	CONSTRAINT "village_reports_village_id_report_date_report_pk" PRIMARY KEY("village_id","report_date","report")
);
--> statement-breakpoint
ALTER TABLE "village_reports" ADD CONSTRAINT "village_reports_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;