CREATE TABLE "people" (
	"open_id" text PRIMARY KEY NOT NULL,
	"name" text,
	"source" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lookup_attempts" integer DEFAULT 0 NOT NULL,
	"lookup_due_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "chat_members" (
	"chat_id" text NOT NULL,
	"open_id" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "chat_members_chat_id_open_id_pk" PRIMARY KEY("chat_id","open_id")
);
--> statement-breakpoint
CREATE INDEX "people_unnamed" ON "people" USING btree ("lookup_due_at") WHERE "people"."name" is null;--> statement-breakpoint
CREATE INDEX "chat_members_open_id" ON "chat_members" USING btree ("open_id");--> statement-breakpoint
-- Data move: people the bot knew only by open_id (granted roles, actors of the trail) are queued for the contact lookup.
INSERT INTO "people" ("open_id") SELECT "open_id" FROM "role_grants" UNION SELECT "actor_open_id" FROM "audit_log" WHERE "actor_open_id" LIKE 'ou\_%' ON CONFLICT DO NOTHING;
