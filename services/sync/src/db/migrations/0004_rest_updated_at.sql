ALTER TABLE "sync"."orders" ADD COLUMN "rest_updated_at" timestamp (3) with time zone;--> statement-breakpoint
-- Rows written before: their updated_at is the best estimate of the last REST copy's updatedAt.
UPDATE "sync"."orders" SET "rest_updated_at" = "updated_at" WHERE "rest_updated_at" IS NULL;
