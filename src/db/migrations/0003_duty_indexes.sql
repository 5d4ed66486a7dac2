DROP INDEX "duties_village_day";--> statement-breakpoint
CREATE INDEX "duties_village_card" ON "duties" USING btree ("village_id","due_date","kind","slot","case_id","id");--> statement-breakpoint
CREATE INDEX "duties_day" ON "duties" USING btree ("due_date","kind");