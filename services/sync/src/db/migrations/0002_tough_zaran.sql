CREATE TABLE "sync"."pending_changes" (
	"order_id" text PRIMARY KEY NOT NULL,
	"change" text NOT NULL,
	"previous_state_code" integer,
	"queued_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
