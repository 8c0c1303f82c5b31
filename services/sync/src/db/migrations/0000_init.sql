-- IF NOT EXISTS: the migrator creates the schema first, to hold this service's journal.
CREATE SCHEMA IF NOT EXISTS "sync";
--> statement-breakpoint
CREATE TABLE "sync"."inbox" (
	"message_id" text PRIMARY KEY NOT NULL,
	"handler" text NOT NULL,
	"result" jsonb,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync"."orders" (
	"id" text PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"business_reference" text,
	"unique_business_reference" text,
	"state_code" integer NOT NULL,
	"state_value" text,
	"masked_state" text,
	"state_at" timestamp (3) with time zone NOT NULL,
	"last_state_change_at" timestamp (3) with time zone,
	"is_confirmed_delivery" boolean DEFAULT false NOT NULL,
	"allow_open_package" boolean DEFAULT false NOT NULL,
	"type_code" integer NOT NULL,
	"type_value" text,
	"type_enum" text,
	"cod_piastres" bigint NOT NULL,
	"bosta_fees_piastres" bigint,
	"deposited_piastres" bigint,
	"shipment_fees_piastres" bigint,
	"payment_method" text,
	"receiver_phone" text NOT NULL,
	"receiver_name" text,
	"receiver_first_name" text,
	"receiver_last_name" text,
	"receiver_second_phone" text,
	"notes" text,
	"items_count" integer,
	"description" text,
	"product_name" text,
	"product_count" integer,
	"return_items_count" integer,
	"return_description" text,
	"dropoff_city" text,
	"dropoff_city_ar" text,
	"dropoff_zone" text,
	"dropoff_zone_ar" text,
	"dropoff_district" text,
	"dropoff_district_ar" text,
	"dropoff_first_line" text,
	"dropoff_second_line" text,
	"dropoff_building" text,
	"dropoff_floor" text,
	"dropoff_apartment" text,
	"dropoff_lat" double precision,
	"dropoff_lng" double precision,
	"pickup_city" text,
	"pickup_zone" text,
	"pickup_district" text,
	"pickup_address" text,
	"delivery_lat" double precision,
	"delivery_lng" double precision,
	"warehouse_name" text,
	"star_name" text,
	"star_phone" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"scheduled_at" timestamp (3) with time zone,
	"picked_up_at" timestamp (3) with time zone,
	"received_at_warehouse_at" timestamp (3) with time zone,
	"delivered_at" timestamp (3) with time zone,
	"returned_at" timestamp (3) with time zone,
	"latest_awb_print_at" timestamp (3) with time zone,
	"last_call_at" timestamp (3) with time zone,
	"delivery_promise_date" text,
	"delivery_time_hours" numeric(10, 2),
	"attempts_count" integer,
	"calls_count" integer,
	"exception_reason" text,
	"exception_code" integer,
	"order_sla_at" timestamp (3) with time zone,
	"order_sla_exceeded" boolean,
	"e2e_sla_at" timestamp (3) with time zone,
	"e2e_sla_exceeded" boolean,
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"business_category" text,
	"service_type" text,
	"order_level" integer,
	"classification_rule_id" text,
	"classification_version" integer,
	"hierarchy_status" text,
	"main_order_id" text,
	"has_service_actions" boolean DEFAULT false NOT NULL,
	"service_status" text,
	"customer_segment" text,
	CONSTRAINT "orders_tracking_number_uq" UNIQUE("tracking_number")
);
--> statement-breakpoint
CREATE TABLE "sync"."outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync"."quarantine" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_key" text NOT NULL,
	"source" text NOT NULL,
	"run_id" uuid,
	"reason" text NOT NULL,
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	CONSTRAINT "quarantine_key_uq" UNIQUE("source_key","source")
);
--> statement-breakpoint
CREATE TABLE "sync"."run_pages" (
	"run_id" uuid NOT NULL,
	"page" integer NOT NULL,
	"deliveries" integer NOT NULL,
	"committed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_pages_run_id_page_pk" PRIMARY KEY("run_id","page")
);
--> statement-breakpoint
CREATE TABLE "sync"."runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"page_size" integer NOT NULL,
	"pages_total" integer,
	"pages_done" integer DEFAULT 0 NOT NULL,
	"deliveries_total" integer,
	"deliveries_seen" integer DEFAULT 0 NOT NULL,
	"deliveries_written" integer DEFAULT 0 NOT NULL,
	"deliveries_unchanged" integer DEFAULT 0 NOT NULL,
	"deliveries_quarantined" integer DEFAULT 0 NOT NULL,
	"detail_calls" integer DEFAULT 0 NOT NULL,
	"errors_count" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"cursor_from" timestamp (3) with time zone,
	"cursor_to" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"active_ms" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync"."state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync"."timeline_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"seq" integer NOT NULL,
	"code" integer,
	"value" text NOT NULL,
	"at" timestamp (3) with time zone,
	"done" boolean NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "timeline_step_uq" UNIQUE("order_id","source","seq")
);
--> statement-breakpoint
CREATE TABLE "sync"."webhook_inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"state_code" integer NOT NULL,
	"event_at" timestamp (3) with time zone NOT NULL,
	"body" jsonb NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"outcome" text NOT NULL,
	"applied_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_event_uq" UNIQUE("tracking_number","state_code","event_at")
);
--> statement-breakpoint
CREATE INDEX "orders_phone_idx" ON "sync"."orders" USING btree ("receiver_phone","created_at");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "sync"."orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "orders_updated_idx" ON "sync"."orders" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "orders_state_idx" ON "sync"."orders" USING btree ("state_code");--> statement-breakpoint
CREATE INDEX "orders_cod_idx" ON "sync"."orders" USING btree ("cod_piastres");--> statement-breakpoint
CREATE INDEX "orders_ubr_idx" ON "sync"."orders" USING btree ("unique_business_reference") WHERE "sync"."orders"."unique_business_reference" is not null;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "sync"."outbox" USING btree ("created_at") WHERE "sync"."outbox"."relayed_at" is null;--> statement-breakpoint
CREATE INDEX "quarantine_open_idx" ON "sync"."quarantine" USING btree ("last_seen_at") WHERE "sync"."quarantine"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "runs_created_idx" ON "sync"."runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "webhook_received_idx" ON "sync"."webhook_inbox" USING btree ("received_at");