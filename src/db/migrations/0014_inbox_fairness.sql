CREATE TABLE "sender_budgets" (
	"sender_key" text PRIMARY KEY NOT NULL,
	"tokens" real NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"warned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "card_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL,
	"patched_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox" ADD COLUMN "chat_key" text;--> statement-breakpoint
ALTER TABLE "inbox" ADD COLUMN "sender_key" text;--> statement-breakpoint
ALTER TABLE "inbox" ADD COLUMN "turn" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "inbox_pending_turn" ON "inbox" USING btree ("turn","id") WHERE "inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_pending_chat" ON "inbox" USING btree ("chat_key","turn") WHERE "inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_lark_message" ON "outbox" USING btree ("lark_message_id") WHERE "outbox"."lark_message_id" is not null;