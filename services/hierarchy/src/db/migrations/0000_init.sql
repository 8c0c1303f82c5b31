CREATE SCHEMA IF NOT EXISTS "hierarchy";
--> statement-breakpoint
CREATE SEQUENCE "hierarchy"."fact_revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "hierarchy"."detection_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"phone" text,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"cursor_phone" text,
	"customers_total" integer,
	"customers_done" integer DEFAULT 0 NOT NULL,
	"orders_seen" integer DEFAULT 0 NOT NULL,
	"links_created" integer DEFAULT 0 NOT NULL,
	"links_deactivated" integer DEFAULT 0 NOT NULL,
	"facts_emitted" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "hierarchy"."evaluations" (
	"revision" bigint PRIMARY KEY NOT NULL,
	"cause" text NOT NULL,
	"customers" integer NOT NULL,
	"facts" integer NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hierarchy"."inbox" (
	"message_id" text PRIMARY KEY NOT NULL,
	"handler" text NOT NULL,
	"result" jsonb,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hierarchy"."links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"main_order_id" text NOT NULL,
	"main_tracking_number" text NOT NULL,
	"sub_order_id" text NOT NULL,
	"sub_tracking_number" text NOT NULL,
	"phone" text NOT NULL,
	"main_created_at" timestamp (3) with time zone NOT NULL,
	"sub_created_at" timestamp (3) with time zone NOT NULL,
	"main_cod_piastres" bigint NOT NULL,
	"sub_cod_piastres" bigint NOT NULL,
	"relationship_type" text NOT NULL,
	"relationship_level" integer NOT NULL,
	"business_rule" text NOT NULL,
	"confidence" numeric(3, 2) NOT NULL,
	"confidence_reasons" text[] NOT NULL,
	"relationship_reason" text,
	"linked_by" text NOT NULL,
	"locked" boolean NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp (3) with time zone,
	"deactivated_by" text,
	"deactivation_reason" text
);
--> statement-breakpoint
CREATE TABLE "hierarchy"."locks" (
	"order_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"locked_by" text NOT NULL,
	"reason" text,
	"locked_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hierarchy"."orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"phone" text NOT NULL,
	"service_type" text NOT NULL,
	"business_category" text NOT NULL,
	"type_code" integer NOT NULL,
	"state_code" integer NOT NULL,
	"state_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"delivered_at" timestamp (3) with time zone,
	"cod_piastres" bigint NOT NULL,
	"product_name" text,
	"classification_revision" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hierarchy"."outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "detection_runs_created_idx" ON "hierarchy"."detection_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "links_active_sub_uq" ON "hierarchy"."links" USING btree ("sub_order_id") WHERE "hierarchy"."links"."active";--> statement-breakpoint
CREATE INDEX "links_sub_idx" ON "hierarchy"."links" USING btree ("sub_order_id");--> statement-breakpoint
CREATE INDEX "links_main_idx" ON "hierarchy"."links" USING btree ("main_order_id");--> statement-breakpoint
CREATE INDEX "links_active_phone_idx" ON "hierarchy"."links" USING btree ("phone") WHERE "hierarchy"."links"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "orders_tracking_number_uq" ON "hierarchy"."orders" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "orders_phone_idx" ON "hierarchy"."orders" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "hierarchy"."outbox" USING btree ("created_at") WHERE "hierarchy"."outbox"."relayed_at" is null;