-- The sync's row version of the stored facts (order-changed sync_version). Rows written before it
-- was sent read as 0: any versioned change of the same state time replaces them.
ALTER TABLE "classifier"."classifications" ADD COLUMN "sync_version" bigint DEFAULT 0 NOT NULL;
