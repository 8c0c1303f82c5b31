import type { Database } from '@hvar/platform';

/**
 * Test instrumentation: a trigger that records every update of `sync.orders` (old and new state,
 * and whether the row content was identical), to prove no state regressed and no row was written
 * twice. Removed by `drop()`.
 */
export async function recordOrderHistory(database: Database): Promise<{ regressions(): Promise<number>; identicalWrites(): Promise<number>; updates(): Promise<number>; drop(): Promise<void> }> {
  await database.pool.query(`
    drop table if exists public.sync_test_order_history;
    create table public.sync_test_order_history (
      order_id text, old_code int, new_code int, old_at timestamptz, new_at timestamptz, identical boolean
    );
    create or replace function public.sync_test_record_order() returns trigger language plpgsql as $$
    begin
      insert into public.sync_test_order_history values (
        old.id, old.state_code, new.state_code, old.state_at, new.state_at,
        (to_jsonb(old) - 'last_synced_at') = (to_jsonb(new) - 'last_synced_at'));
      return new;
    end $$;
    drop trigger if exists sync_test_history on sync.orders;
    create trigger sync_test_history after update on sync.orders for each row execute function public.sync_test_record_order();
  `);
  const n = async (where: string): Promise<number> =>
    Number((await database.pool.query<{ n: string }>(`select count(*) n from public.sync_test_order_history where ${where}`)).rows[0]?.n ?? 0);
  return {
    // Any step back in time counts, in the same state too (states repeat: 41, 47, 41).
    regressions: () => n('new_at < old_at'),
    identicalWrites: () => n('identical'),
    updates: () => n('true'),
    async drop() {
      await database.pool.query(`drop trigger if exists sync_test_history on sync.orders;
        drop function if exists public.sync_test_record_order() cascade; drop table if exists public.sync_test_order_history;`);
    },
  };
}
