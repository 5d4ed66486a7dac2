CREATE TABLE "release_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"chat_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"card_copies" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "release_requests_one_pending" ON "release_requests" USING btree ("case_id") WHERE "release_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "release_requests_case" ON "release_requests" USING btree ("case_id");--> statement-breakpoint
-- Proposals were audit rows (case.release_proposed). Each becomes a request: approved by whoever
-- released the case after it, cancelled when the case left management otherwise (a transfer or
-- close after it, or a later proposal), pending while the case is still active. Their cards' copies were not kept.
INSERT INTO "release_requests" ("case_id", "proposed_by", "proposed_at", "chat_id", "status", "decided_by", "decided_at")
SELECT p."case_id", p."actor_open_id", p."at", p."chat_id",
       CASE WHEN e."action" = 'case.release' THEN 'approved'
            WHEN e."action" IS NOT NULL OR c."status" <> 'active'
              OR EXISTS (SELECT 1 FROM "audit_log" l WHERE l."case_id" = p."case_id" AND l."action" = 'case.release_proposed' AND l."id" > p."id") THEN 'cancelled'
            ELSE 'pending' END,
       e."actor_open_id", coalesce(e."at", CASE WHEN c."status" <> 'active' THEN c."ended_at" END)
FROM "audit_log" p
JOIN "cases" c ON c."id" = p."case_id"
LEFT JOIN LATERAL (
  SELECT a."action", a."actor_open_id", a."at" FROM "audit_log" a
  WHERE a."case_id" = p."case_id" AND a."action" IN ('case.release', 'case.transfer', 'case.close') AND a."id" > p."id"
  ORDER BY a."id" LIMIT 1
) e ON true
WHERE p."action" = 'case.release_proposed'
ORDER BY p."id";
