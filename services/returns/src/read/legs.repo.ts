import type { ReturnLeg, ReturnsQuery } from '@hvar/contracts';
import { decodeTimeIdCursor, encodeTimeIdCursor, type SqlTx } from '@hvar/platform';
import { iso, LEG_COLUMNS, legView, queryLegs, toDate, type HistoryEntry, type LegRow } from '../legs/store.js';

type Db = Pick<SqlTx, 'query'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One page of legs, newest first (keyset on created_at, return_id). */
export async function pageLegs(db: Db, q: ReturnsQuery): Promise<{ items: ReturnLeg[]; next_cursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (q.action_id) where.push(`l.action_id = ${p(q.action_id)}::uuid`);
  if (q.status) where.push(`l.status = any(${p(q.status.split(','))}::text[])`);
  if (q.leg) where.push(`l.leg = ${p(q.leg)}`);
  if (q.tracking_number) where.push(`l.tracking_number = ${p(q.tracking_number)}`);
  const after = decodeTimeIdCursor(q.cursor);
  if (after) where.push(`(l.created_at, l.return_id) < (${p(after.created_at)}::timestamptz, ${p(after.id)}::uuid)`);
  const rows = await queryLegs(db, 
    `select ${LEG_COLUMNS} from returns.legs l ${where.length ? `where ${where.join(' and ')}` : ''}
      order by l.created_at desc, l.return_id desc limit ${p(q.limit + 1)}`,
    params,
  );
  const last = rows[q.limit - 1];
  return {
    items: rows.slice(0, q.limit).map((r) => legView(r)),
    next_cursor: rows.length > q.limit && last ? encodeTimeIdCursor({ created_at: iso(last.created_at), id: last.return_id }) : null,
  };
}

/** A leg by id (uuid) or tracking number; null when unknown. */
export async function findLeg(db: Db, ref: string): Promise<LegRow | null> {
  const column = UUID.test(ref) ? 'l.return_id = $1::uuid' : 'l.tracking_number = $1';
  const [row] = await queryLegs(db, `select ${LEG_COLUMNS} from returns.legs l where ${column}`, [ref]);
  return row ?? null;
}

/** A leg's history, oldest first. */
export async function historyOf(db: Db, returnId: string): Promise<HistoryEntry[]> {
  const rows = await db.query<Omit<HistoryEntry, 'at'> & { at: Date | string }>(
    'select return_id, status, bosta_state_code, at, note from returns.leg_history where return_id = $1 order by id', [returnId]);
  return rows.map((h) => ({ ...h, at: toDate(h.at) }));
}
