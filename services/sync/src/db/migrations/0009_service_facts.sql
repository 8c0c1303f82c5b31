CREATE TABLE "sync"."customer_facts" (
	"phone" text PRIMARY KEY NOT NULL,
	"segment" text NOT NULL,
	"revision" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync"."order_facts" ADD COLUMN "service_actions_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync"."order_facts" ADD COLUMN "service_revision" bigint;--> statement-breakpoint
CREATE INDEX "customer_facts_segment_idx" ON "sync"."customer_facts" USING btree ("segment","phone");--> statement-breakpoint
CREATE INDEX "order_facts_service_status_idx" ON "sync"."order_facts" USING btree ("service_status","order_id") WHERE "sync"."order_facts"."has_service_actions";--> statement-breakpoint
ALTER TABLE "sync"."order_facts" DROP COLUMN "customer_segment";