CREATE TABLE "sync"."parked_facts" (
	"order_id" text NOT NULL,
	"kind" text NOT NULL,
	"revision" bigint NOT NULL,
	"fact" json NOT NULL,
	"parked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parked_facts_pkey" PRIMARY KEY("kind","order_id")
);
--> statement-breakpoint
ALTER TABLE "sync"."orders" ALTER COLUMN "hierarchy_status" SET DEFAULT 'unlinked';--> statement-breakpoint
UPDATE "sync"."orders" SET "hierarchy_status" = 'unlinked' WHERE "hierarchy_status" IS NULL;--> statement-breakpoint
ALTER TABLE "sync"."orders" ALTER COLUMN "hierarchy_status" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN "classification_revision" bigint;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN "main_tracking_number" text;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN "relationship_type" text;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN "relationship_level" integer;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN "hierarchy_confidence" numeric(3, 2);--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN "hierarchy_linked_by" text;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN "hierarchy_state_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sync"."orders" ADD COLUMN "hierarchy_revision" bigint;--> statement-breakpoint
CREATE INDEX "orders_business_category_idx" ON "sync"."orders" USING btree (coalesce("business_category", ''),"id");--> statement-breakpoint
CREATE INDEX "orders_service_type_idx" ON "sync"."orders" USING btree (coalesce("service_type", ''),"id");--> statement-breakpoint
CREATE INDEX "orders_order_level_idx" ON "sync"."orders" USING btree (coalesce("order_level", -1),"id");--> statement-breakpoint
CREATE INDEX "orders_hierarchy_status_idx" ON "sync"."orders" USING btree ("hierarchy_status","id");