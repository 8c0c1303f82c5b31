CREATE SCHEMA IF NOT EXISTS "service_action";
--> statement-breakpoint
CREATE SEQUENCE "service_action"."fact_revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "service_action"."actions" (
	"action_id" uuid PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"phone" text NOT NULL,
	"action_type" text NOT NULL,
	"action_subtype" text,
	"status" text NOT NULL,
	"service_reason" text NOT NULL,
	"service_notes" text,
	"main_order_id" text,
	"main_tracking_number" text,
	"sub_order_id" text,
	"sub_tracking_number" text,
	"source_order_id" text,
	"source_tracking_number" text,
	"auto_detected" boolean DEFAULT false NOT NULL,
	"on_site" boolean DEFAULT false NOT NULL,
	"product_name" text,
	"product_sku" text,
	"product_description" text,
	"pickup_address" jsonb,
	"return_attempt" integer DEFAULT 0 NOT NULL,
	"return_id" text,
	"return_tracking_number" text,
	"return_status" text,
	"outbound_id" text,
	"outbound_tracking_number" text,
	"outbound_status" text,
	"needs_attention" text,
	"review_required" boolean DEFAULT false NOT NULL,
	"review_decision" text,
	"approved_refund_limit_piastres" bigint,
	"hub_quality_score" integer,
	"hub_recommended_action" text,
	"assigned_technician" text,
	"warranty_applies" boolean DEFAULT false NOT NULL,
	"estimated_cost_piastres" bigint DEFAULT 0 NOT NULL,
	"customer_contribution_piastres" bigint DEFAULT 0 NOT NULL,
	"closure_verified" boolean DEFAULT false NOT NULL,
	"cancelled_reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "service_action"."case_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_action"."cost_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"entry" text NOT NULL,
	"amount_piastres" bigint NOT NULL,
	"note" text,
	"superseded" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_action"."customers" (
	"phone" text PRIMARY KEY NOT NULL,
	"first_name" text,
	"last_name" text,
	"full_name" text,
	"email" text,
	"primary_city" text,
	"primary_zone" text,
	"primary_district" text,
	"primary_address" text,
	"managed_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"total_orders" integer DEFAULT 0 NOT NULL,
	"total_value_piastres" bigint DEFAULT 0 NOT NULL,
	"avg_order_value_piastres" bigint DEFAULT 0 NOT NULL,
	"first_order_at" timestamp (3) with time zone,
	"last_order_at" timestamp (3) with time zone,
	"delivered_main_orders" integer DEFAULT 0 NOT NULL,
	"returned_orders" integer DEFAULT 0 NOT NULL,
	"maintenance_orders" integer DEFAULT 0 NOT NULL,
	"return_rate" numeric(5, 4) DEFAULT 0 NOT NULL,
	"satisfaction_score" numeric(3, 2),
	"segment" text DEFAULT 'new' NOT NULL,
	"segment_reason" text DEFAULT 'no orders yet' NOT NULL,
	"segment_changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"service_actions" integer DEFAULT 0 NOT NULL,
	"erased" boolean DEFAULT false NOT NULL,
	"erased_at" timestamp (3) with time zone,
	"erased_by" text,
	"erased_reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_action"."executions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"technician" text,
	"parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text,
	"new_product_sku" text,
	"created_by" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_action"."inbox" (
	"message_id" text PRIMARY KEY NOT NULL,
	"handler" text NOT NULL,
	"result" jsonb,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_action"."interactions" (
	"interaction_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"interaction_type" text NOT NULL,
	"subject" text NOT NULL,
	"description" text,
	"priority" text NOT NULL,
	"status" text NOT NULL,
	"assigned_agent" text,
	"customer_satisfaction" numeric(3, 2),
	"resolution_time_hours" numeric(10, 2),
	"follow_up_date" date,
	"follow_up_notes" text,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "service_action"."order_mains" (
	"order_id" text PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"main_order_id" text,
	"main_tracking_number" text,
	"hierarchy_status" text NOT NULL,
	"revision" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_action"."orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"phone" text NOT NULL,
	"type_code" integer NOT NULL,
	"state_code" integer NOT NULL,
	"state_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"delivered_at" timestamp (3) with time zone,
	"cod_piastres" bigint NOT NULL,
	"service_type" text NOT NULL,
	"business_category" text NOT NULL,
	"product_name" text,
	"receiver_name" text,
	"receiver_first_name" text,
	"receiver_last_name" text,
	"city" text,
	"zone" text,
	"district" text,
	"address" text,
	"classification_revision" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_action"."outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_action"."refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"amount_piastres" bigint NOT NULL,
	"original_cod_piastres" bigint,
	"approved_limit_piastres" bigint,
	"processed" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_action"."segment_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"from_segment" text,
	"to_segment" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_action"."transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "actions_case_number_uq" ON "service_action"."actions" USING btree ("case_number");--> statement-breakpoint
CREATE UNIQUE INDEX "actions_auto_source_uq" ON "service_action"."actions" USING btree ("source_tracking_number","action_type") WHERE "service_action"."actions"."auto_detected";--> statement-breakpoint
CREATE INDEX "actions_phone_idx" ON "service_action"."actions" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "actions_status_idx" ON "service_action"."actions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "actions_created_idx" ON "service_action"."actions" USING btree ("created_at","action_id");--> statement-breakpoint
CREATE INDEX "actions_main_idx" ON "service_action"."actions" USING btree ("main_order_id");--> statement-breakpoint
CREATE INDEX "actions_sub_idx" ON "service_action"."actions" USING btree ("sub_order_id");--> statement-breakpoint
CREATE INDEX "actions_source_idx" ON "service_action"."actions" USING btree ("source_order_id");--> statement-breakpoint
CREATE INDEX "actions_return_tracking_idx" ON "service_action"."actions" USING btree ("return_tracking_number");--> statement-breakpoint
CREATE INDEX "cost_ledger_action_idx" ON "service_action"."cost_ledger" USING btree ("action_id","entry");--> statement-breakpoint
CREATE INDEX "customers_segment_idx" ON "service_action"."customers" USING btree ("segment","last_order_at");--> statement-breakpoint
CREATE INDEX "customers_last_order_idx" ON "service_action"."customers" USING btree ("last_order_at");--> statement-breakpoint
CREATE INDEX "customers_city_idx" ON "service_action"."customers" USING btree ("primary_city");--> statement-breakpoint
CREATE INDEX "customers_zone_idx" ON "service_action"."customers" USING btree ("primary_zone");--> statement-breakpoint
CREATE INDEX "executions_action_idx" ON "service_action"."executions" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "interactions_phone_idx" ON "service_action"."interactions" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "order_mains_main_idx" ON "service_action"."order_mains" USING btree ("main_order_id");--> statement-breakpoint
CREATE INDEX "order_mains_tracking_idx" ON "service_action"."order_mains" USING btree ("tracking_number");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_tracking_number_uq" ON "service_action"."orders" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "orders_phone_idx" ON "service_action"."orders" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "service_action"."outbox" USING btree ("created_at") WHERE "service_action"."outbox"."relayed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_action_uq" ON "service_action"."refunds" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "segment_history_phone_idx" ON "service_action"."segment_history" USING btree ("phone","at");--> statement-breakpoint
CREATE INDEX "transitions_action_idx" ON "service_action"."transitions" USING btree ("action_id","id");