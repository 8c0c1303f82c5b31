DROP INDEX "service_action"."customers_segment_idx";--> statement-breakpoint
DROP INDEX "service_action"."customers_last_order_idx";--> statement-breakpoint
DROP INDEX "service_action"."customers_city_idx";--> statement-breakpoint
DROP INDEX "service_action"."customers_zone_idx";--> statement-breakpoint
CREATE INDEX "customers_maintenance_idx" ON "service_action"."customers" USING btree (coalesce(last_order_at, '-infinity'::timestamptz),"phone") WHERE maintenance_orders > 0;--> statement-breakpoint
CREATE INDEX "customers_value_idx" ON "service_action"."customers" USING btree ("total_value_piastres","phone");--> statement-breakpoint
CREATE INDEX "customers_orders_idx" ON "service_action"."customers" USING btree ("total_orders","phone");--> statement-breakpoint
CREATE INDEX "customers_return_rate_idx" ON "service_action"."customers" USING btree ("return_rate","phone");--> statement-breakpoint
CREATE INDEX "customers_satisfaction_idx" ON "service_action"."customers" USING btree ("satisfaction_score");--> statement-breakpoint
CREATE INDEX "customers_segment_idx" ON "service_action"."customers" USING btree ("segment",coalesce(last_order_at, '-infinity'::timestamptz),"phone");--> statement-breakpoint
CREATE INDEX "customers_last_order_idx" ON "service_action"."customers" USING btree (coalesce(last_order_at, '-infinity'::timestamptz),"phone");--> statement-breakpoint
CREATE INDEX "customers_city_idx" ON "service_action"."customers" USING btree (lower(primary_city));--> statement-breakpoint
CREATE INDEX "customers_zone_idx" ON "service_action"."customers" USING btree (lower(primary_zone));