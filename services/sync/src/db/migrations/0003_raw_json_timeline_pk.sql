-- Timeline steps are keyed by their natural key: one index per row instead of two.
ALTER TABLE "sync"."timeline_events" DROP CONSTRAINT "timeline_step_uq";--> statement-breakpoint
ALTER TABLE "sync"."timeline_events" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "sync"."timeline_events" ADD CONSTRAINT "timeline_events_pkey" PRIMARY KEY("order_id","source","seq");--> statement-breakpoint
-- The raw Bosta object is kept as json text (no jsonb conversion), uncompressed, and the row stays
-- inline up to a full page (no TOAST for a ~3 KB object): written for every delivery, rarely read.
ALTER TABLE "sync"."orders" ALTER COLUMN "raw" SET DATA TYPE json USING "raw"::json;--> statement-breakpoint
ALTER TABLE "sync"."orders" ALTER COLUMN "raw" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "sync"."orders" SET (toast_tuple_target = 8160);
