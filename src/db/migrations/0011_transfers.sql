CREATE TABLE "transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"destination" text NOT NULL,
	"category" text,
	"reason" text,
	"alert_id" integer,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"chat_id" text,
	"vehicle_plate" text,
	"driver" text,
	"escort" text,
	"dispatched_by" text,
	"dispatched_at" timestamp with time zone,
	"picked_up_by" text,
	"picked_up_at" timestamp with time zone,
	"receiving_place" text,
	"receiver" text,
	"handed_over_by" text,
	"handed_over_at" timestamp with time zone,
	"warned_hours" integer DEFAULT 0 NOT NULL,
	"card_copies" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_alert_id_case_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."case_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_one_open" ON "transfers" USING btree ("case_id") WHERE "transfers"."status" in ('requested', 'dispatched', 'picked_up');--> statement-breakpoint
CREATE INDEX "transfers_case" ON "transfers" USING btree ("case_id");--> statement-breakpoint
-- An alert's 转运 used to only mark the alert; a case still under management with such a mark is a transfer still waiting to be done.
INSERT INTO "transfers" ("case_id", "destination", "reason", "alert_id", "status", "requested_by", "requested_at")
SELECT DISTINCT ON (a."case_id") a."case_id", 'hospital',
  CASE a."kind" WHEN 'fever' THEN '发热' WHEN 'symptom' THEN '症状' WHEN 'positive' THEN '核酸阳性' ELSE '混管阳性' END, a."id", 'requested', a."transfer_requested_by", a."transfer_requested_at"
FROM "case_alerts" a JOIN "cases" c ON c."id" = a."case_id"
WHERE a."transfer_requested_at" IS NOT NULL AND a."transfer_requested_by" IS NOT NULL AND c."status" = 'active'
ORDER BY a."case_id", a."transfer_requested_at" DESC;
