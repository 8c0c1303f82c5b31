DROP INDEX "service_action"."customers_city_idx";--> statement-breakpoint
DROP INDEX "service_action"."customers_zone_idx";--> statement-breakpoint
CREATE INDEX "customers_city_idx" ON "service_action"."customers" USING btree (lower(primary_city),coalesce(last_order_at, '-infinity'::timestamptz),"phone");--> statement-breakpoint
CREATE INDEX "customers_zone_idx" ON "service_action"."customers" USING btree (lower(primary_zone),coalesce(last_order_at, '-infinity'::timestamptz),"phone");