-- The read model moves out of "orders" into the narrow "order_facts" (one row per order).
-- An earlier, unreleased 0006 added fact columns and "parked_facts" to some development databases:
-- the IF [NOT] EXISTS below let this migration apply after 0005 and after that earlier 0006 alike.
ALTER TABLE "sync"."orders" ADD COLUMN IF NOT EXISTS "classification_revision" bigint;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN IF NOT EXISTS "main_tracking_number" text;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN IF NOT EXISTS "relationship_type" text;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN IF NOT EXISTS "relationship_level" integer;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN IF NOT EXISTS "hierarchy_confidence" numeric(3, 2);--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN IF NOT EXISTS "hierarchy_linked_by" text;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN IF NOT EXISTS "hierarchy_state_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN IF NOT EXISTS "hierarchy_revision" bigint;--> statement-breakpoint
CREATE TABLE "sync"."order_facts" (
	"order_id" text PRIMARY KEY NOT NULL,
	"business_category" text,
	"service_type" text,
	"order_level" integer,
	"classification_rule_id" text,
	"classification_version" integer,
	"classification_revision" bigint,
	"hierarchy_status" text DEFAULT 'unlinked' NOT NULL,
	"main_order_id" text,
	"main_tracking_number" text,
	"relationship_type" text,
	"relationship_level" integer,
	"hierarchy_confidence" numeric(3, 2),
	"hierarchy_linked_by" text,
	"hierarchy_state_at" timestamp (3) with time zone,
	"hierarchy_revision" bigint,
	"has_service_actions" boolean DEFAULT false NOT NULL,
	"service_status" text,
	"customer_segment" text
);
--> statement-breakpoint
-- Every existing order gets its row, with what it had (before the sort indexes: one bulk load).
INSERT INTO "sync"."order_facts" (
	"order_id", "business_category", "service_type", "order_level", "classification_rule_id", "classification_version",
	"classification_revision", "hierarchy_status", "main_order_id", "main_tracking_number", "relationship_type",
	"relationship_level", "hierarchy_confidence", "hierarchy_linked_by", "hierarchy_state_at", "hierarchy_revision",
	"has_service_actions", "service_status", "customer_segment"
)
SELECT "id", "business_category", "service_type", "order_level", "classification_rule_id", "classification_version",
	"classification_revision", coalesce("hierarchy_status", 'unlinked'), "main_order_id", "main_tracking_number", "relationship_type",
	"relationship_level", "hierarchy_confidence", "hierarchy_linked_by", "hierarchy_state_at", "hierarchy_revision",
	"has_service_actions", "service_status", "customer_segment"
  FROM "sync"."orders";--> statement-breakpoint
CREATE INDEX "order_facts_business_category_idx" ON "sync"."order_facts" USING btree (coalesce("business_category", ''),"order_id");--> statement-breakpoint
CREATE INDEX "order_facts_service_type_idx" ON "sync"."order_facts" USING btree (coalesce("service_type", ''),"order_id");--> statement-breakpoint
CREATE INDEX "order_facts_order_level_idx" ON "sync"."order_facts" USING btree (coalesce("order_level", -1),"order_id");--> statement-breakpoint
CREATE INDEX "order_facts_hierarchy_status_idx" ON "sync"."order_facts" USING btree ("hierarchy_status","order_id");--> statement-breakpoint
DROP INDEX IF EXISTS "sync"."orders_business_category_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "sync"."orders_service_type_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "sync"."orders_order_level_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "sync"."orders_hierarchy_status_idx";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "business_category";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "service_type";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "order_level";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "classification_rule_id";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "classification_version";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "classification_revision";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "hierarchy_status";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "main_order_id";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "main_tracking_number";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "relationship_type";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "relationship_level";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "hierarchy_confidence";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "hierarchy_linked_by";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "hierarchy_state_at";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "hierarchy_revision";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "has_service_actions";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "service_status";--> statement-breakpoint
ALTER TABLE "sync"."orders" DROP COLUMN "customer_segment";--> statement-breakpoint
-- Facts of orders not written yet now wait in "order_facts" itself.
DROP TABLE IF EXISTS "sync"."parked_facts";--> statement-breakpoint
-- Statistics now, so the read API's first queries plan with the facts' sort indexes.
ANALYZE "sync"."order_facts";
