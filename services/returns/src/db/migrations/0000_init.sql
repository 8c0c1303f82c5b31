CREATE SCHEMA IF NOT EXISTS "returns";
--> statement-breakpoint
CREATE TABLE "returns"."inbox" (
	"message_id" text PRIMARY KEY NOT NULL,
	"handler" text NOT NULL,
	"result" jsonb,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns"."leg_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"status" text NOT NULL,
	"bosta_state_code" integer,
	"at" timestamp (3) with time zone NOT NULL,
	"note" text,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns"."legs" (
	"return_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"leg" text NOT NULL,
	"attempt" integer NOT NULL,
	"type_code" integer NOT NULL,
	"kind" text NOT NULL,
	"unique_business_reference" text NOT NULL,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"tracking_number" text,
	"bosta_delivery_id" text,
	"bosta_state_code" integer,
	"state_at" timestamp (3) with time zone,
	"sync_version" bigint DEFAULT 0 NOT NULL,
	"last_error" jsonb,
	"create_attempts" integer DEFAULT 0 NOT NULL,
	"customer_phone" text NOT NULL,
	"customer_name" text,
	"address" jsonb,
	"product_name" text,
	"product_sku" text,
	"action_type" text,
	"reason" text,
	"notes" text,
	"cod_piastres" bigint DEFAULT 0 NOT NULL,
	"courier_fee_piastres" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns"."outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "leg_history_return_idx" ON "returns"."leg_history" USING btree ("return_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "legs_action_leg_attempt_uq" ON "returns"."legs" USING btree ("action_id","leg","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "legs_action_leg_request_uq" ON "returns"."legs" USING btree ("action_id","leg","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "legs_ubr_uq" ON "returns"."legs" USING btree ("unique_business_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "legs_tracking_number_uq" ON "returns"."legs" USING btree ("tracking_number") WHERE "returns"."legs"."tracking_number" is not null;--> statement-breakpoint
CREATE INDEX "legs_created_idx" ON "returns"."legs" USING btree ("created_at","return_id");--> statement-breakpoint
CREATE INDEX "legs_status_idx" ON "returns"."legs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "returns"."outbox" USING btree ("created_at") WHERE "returns"."outbox"."relayed_at" is null;