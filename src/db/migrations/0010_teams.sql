CREATE TABLE "case_team_members" (
	"case_id" integer NOT NULL,
	"part" text NOT NULL,
	"open_id" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_team_members_case_id_part_open_id_pk" PRIMARY KEY("case_id","part","open_id")
);
--> statement-breakpoint
CREATE TABLE "village_team_defaults" (
	"village_id" integer NOT NULL,
	"part" text NOT NULL,
	"open_id" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "village_team_defaults_village_id_part_open_id_pk" PRIMARY KEY("village_id","part","open_id")
);
--> statement-breakpoint
ALTER TABLE "duties" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "case_team_members" ADD CONSTRAINT "case_team_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_team_defaults" ADD CONSTRAINT "village_team_defaults_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_team_members_person" ON "case_team_members" USING btree ("open_id");