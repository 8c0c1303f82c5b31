CREATE SCHEMA IF NOT EXISTS "classifier";
--> statement-breakpoint
CREATE SEQUENCE "classifier"."revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "classifier"."classification_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"revision" bigint NOT NULL,
	"cause" text NOT NULL,
	"state_code" integer NOT NULL,
	"from_business_category" text,
	"from_service_type" text,
	"from_order_level" integer,
	"from_rule_id" text,
	"from_rule_set_version" integer,
	"to_business_category" text NOT NULL,
	"to_service_type" text NOT NULL,
	"to_order_level" integer NOT NULL,
	"to_rule_id" text NOT NULL,
	"to_rule_set_version" integer NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classifier"."classifications" (
	"order_id" text PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"receiver_phone" text NOT NULL,
	"type_code" integer NOT NULL,
	"state_code" integer NOT NULL,
	"state_at" timestamp with time zone NOT NULL,
	"cod_piastres" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"product_name" text,
	"business_reference" text,
	"unique_business_reference" text,
	"business_category" text NOT NULL,
	"service_type" text NOT NULL,
	"order_level" integer NOT NULL,
	"rule_id" text NOT NULL,
	"rule_set_version" integer NOT NULL,
	"revision" bigint NOT NULL,
	"classified_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classifier"."inbox" (
	"message_id" text PRIMARY KEY NOT NULL,
	"handler" text NOT NULL,
	"result" jsonb,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classifier"."outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "classifier"."reclassify_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_set_version" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"cursor" text,
	"orders_total" integer,
	"orders_done" integer DEFAULT 0 NOT NULL,
	"orders_changed" integer DEFAULT 0 NOT NULL,
	"chunks_done" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "classifier"."rule_sets" (
	"version" integer PRIMARY KEY NOT NULL,
	"parameters" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"notes" text,
	"active" boolean DEFAULT false NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"reclassify_run_id" uuid
);
--> statement-breakpoint
CREATE INDEX "classification_history_order_idx" ON "classifier"."classification_history" USING btree ("order_id","revision");--> statement-breakpoint
CREATE INDEX "classifications_tracking_idx" ON "classifier"."classifications" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "classifier"."outbox" USING btree ("created_at") WHERE "classifier"."outbox"."relayed_at" is null;--> statement-breakpoint
CREATE INDEX "reclassify_runs_created_idx" ON "classifier"."reclassify_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_one_active_uq" ON "classifier"."rule_sets" USING btree ("active") WHERE "classifier"."rule_sets"."active";