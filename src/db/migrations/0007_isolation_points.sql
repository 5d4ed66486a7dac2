CREATE TABLE "isolation_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "isolation_points_name_unique" UNIQUE("name")
);
--> statement-breakpoint
DROP INDEX "role_grants_unique";--> statement-breakpoint
ALTER TABLE "chat_bindings" ADD COLUMN "point_id" integer;--> statement-breakpoint
ALTER TABLE "role_grants" ADD COLUMN "point_id" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "start_basis" text DEFAULT 'arrival' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "isolation_point_id" integer;--> statement-breakpoint
ALTER TABLE "case_alerts" ADD COLUMN "point_id" integer;--> statement-breakpoint
ALTER TABLE "duties" ADD COLUMN "point_id" integer;--> statement-breakpoint
ALTER TABLE "chat_bindings" ADD CONSTRAINT "chat_bindings_point_id_isolation_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."isolation_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_point_id_isolation_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."isolation_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_isolation_point_id_isolation_points_id_fk" FOREIGN KEY ("isolation_point_id") REFERENCES "public"."isolation_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "role_grants_unique_place" ON "role_grants" USING btree ("open_id","role",coalesce("village_id", 0),coalesce("point_id", 0));--> statement-breakpoint
CREATE INDEX "duties_point_card" ON "duties" USING btree ("point_id","due_date","kind") WHERE "duties"."point_id" is not null;