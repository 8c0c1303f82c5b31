CREATE SCHEMA IF NOT EXISTS "hub";
--> statement-breakpoint
CREATE TABLE "hub"."cancellations" (
	"action_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub"."inbox" (
	"message_id" text PRIMARY KEY NOT NULL,
	"handler" text NOT NULL,
	"result" jsonb,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub"."inspections" (
	"inspection_id" uuid PRIMARY KEY NOT NULL,
	"workflow_id" uuid NOT NULL,
	"hub_agent" text NOT NULL,
	"product_condition" text NOT NULL,
	"missing_parts" jsonb NOT NULL,
	"visible_damage" text,
	"functionality_test" text,
	"quality_score" integer NOT NULL,
	"inspection_notes" text,
	"recommended_action" text NOT NULL,
	"recommended_priority" text NOT NULL,
	"estimated_repair_cost_piastres" bigint,
	"estimated_repair_days" integer,
	"review_required" boolean NOT NULL,
	"review_reasons" jsonb NOT NULL,
	"requested_by" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub"."outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hub"."pickups" (
	"return_id" text PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"tracking_number" text,
	"status" text NOT NULL,
	"bosta_state_code" integer,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub"."reviews" (
	"review_id" uuid PRIMARY KEY NOT NULL,
	"workflow_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"team_leader" text NOT NULL,
	"decision" text NOT NULL,
	"notes" text,
	"approved_refund_limit_piastres" bigint,
	"requested_by" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub"."scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" uuid NOT NULL,
	"hub_name" text NOT NULL,
	"hub_agent" text NOT NULL,
	"repeated" boolean NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub"."transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workflow_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub"."workflows" (
	"workflow_id" uuid PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"action_type" text NOT NULL,
	"confirmation_type" text NOT NULL,
	"return_id" text,
	"return_tracking_number" text NOT NULL,
	"customer_phone" text NOT NULL,
	"product_name" text,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"review_pending" boolean DEFAULT false NOT NULL,
	"return_status" text,
	"hub_name" text,
	"hub_agent" text,
	"inspection_id" uuid,
	"review_required" boolean DEFAULT false NOT NULL,
	"review_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_id" uuid,
	"cancelled_reason" text,
	"created_by" text NOT NULL,
	"scanned_at" timestamp (3) with time zone,
	"inspection_started_at" timestamp (3) with time zone,
	"inspection_completed_at" timestamp (3) with time zone,
	"confirmed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "inspections_workflow_idx" ON "hub"."inspections" USING btree ("workflow_id","at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "hub"."outbox" USING btree ("created_at") WHERE "hub"."outbox"."relayed_at" is null;--> statement-breakpoint
CREATE INDEX "pickups_action_idx" ON "hub"."pickups" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "reviews_workflow_idx" ON "hub"."reviews" USING btree ("workflow_id","at");--> statement-breakpoint
CREATE INDEX "scans_workflow_idx" ON "hub"."scans" USING btree ("workflow_id","at");--> statement-breakpoint
CREATE INDEX "transitions_workflow_idx" ON "hub"."transitions" USING btree ("workflow_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "workflows_tracking_uq" ON "hub"."workflows" USING btree ("return_tracking_number");--> statement-breakpoint
CREATE INDEX "workflows_action_idx" ON "hub"."workflows" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "workflows_return_idx" ON "hub"."workflows" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "workflows_created_idx" ON "hub"."workflows" USING btree ("created_at","workflow_id");--> statement-breakpoint
CREATE INDEX "workflows_status_idx" ON "hub"."workflows" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "workflows_hub_idx" ON "hub"."workflows" USING btree ("hub_name","created_at");--> statement-breakpoint
CREATE INDEX "workflows_agent_idx" ON "hub"."workflows" USING btree ("hub_agent","created_at");