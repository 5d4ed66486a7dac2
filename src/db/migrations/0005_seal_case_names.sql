ALTER TABLE "cases" ADD COLUMN "name_enc" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "name_masked" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "name_hash" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "address_enc" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "address_masked" text;--> statement-breakpoint
CREATE INDEX "cases_name_hash" ON "cases" USING btree ("name_hash");--> statement-breakpoint
-- SQL cannot seal (the key lives in the app): the plain columns are kept under legacy names
-- until sealLegacyCaseData (src/db/seal-legacy-case-data.ts) seals them at start, sets the
-- sealed columns NOT NULL and drops these.
ALTER TABLE "cases" RENAME COLUMN "name" TO "legacy_name";--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "legacy_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" RENAME COLUMN "birth_date" TO "legacy_birth_date";--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "legacy_birth_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" RENAME COLUMN "address" TO "legacy_address";
