-- Per-order row version, carried in order-changed entries as sync_version. A constant default is
-- stored in the catalog (no table rewrite): every existing row reads as version 1.
ALTER TABLE "sync"."orders" ADD COLUMN "version" bigint DEFAULT 1 NOT NULL;
