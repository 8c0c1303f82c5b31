DROP INDEX "sync"."orders_updated_idx";--> statement-breakpoint
DROP INDEX "sync"."orders_state_idx";--> statement-breakpoint
DROP INDEX "sync"."orders_cod_idx";--> statement-breakpoint
CREATE INDEX "orders_updated_idx" ON "sync"."orders" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "orders_state_idx" ON "sync"."orders" USING btree ("state_code","id");--> statement-breakpoint
CREATE INDEX "orders_cod_idx" ON "sync"."orders" USING btree ("cod_piastres","id");