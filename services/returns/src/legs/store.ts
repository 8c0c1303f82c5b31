import type { Address, ReturnLeg } from '@hvar/contracts';
import type { SqlTx } from '@hvar/platform';
import type { LegError } from '../domain/failure.js';
import type { LegKind } from '../domain/status.js';

type Db = Pick<SqlTx, 'query'>;

/** A leg as stored (money in piastres; bigints read as numbers). */
export interface LegRow {
  return_id: string;
  action_id: string;
  case_number: string;
  leg: LegKind;
  attempt: number;
  type_code: 10 | 25 | 30;
  kind: 'return' | 'repaired' | 'replacement';
  unique_business_reference: string;
  requested_at: Date;
  status: string;
  tracking_number: string | null;
  bosta_delivery_id: string | null;
  bosta_state_code: number | null;
  state_at: Date | null;
  sync_version: number;
  last_error: LegError | null;
  create_attempts: number;
  customer_phone: string;
  customer_name: string | null;
  address: Address | null;
  product_name: string | null;
  product_sku: string | null;
  action_type: string | null;
  reason: string | null;
  notes: string | null;
  cod_piastres: number;
  courier_fee_piastres: number | null;
  created_at: Date;
  updated_at: Date;
}

/** The columns of `LegRow` with bigints cast (pg reads int8 as text otherwise); `l` is the table alias. */
export const LEG_COLUMNS = `l.return_id, l.action_id, l.case_number, l.leg, l.attempt, l.type_code, l.kind, l.unique_business_reference, l.requested_at,
  l.status, l.tracking_number, l.bosta_delivery_id, l.bosta_state_code, l.state_at, l.sync_version::float8 as sync_version, l.last_error,
  l.create_attempts, l.customer_phone, l.customer_name, l.address, l.product_name, l.product_sku, l.action_type, l.reason, l.notes,
  l.cod_piastres::float8 as cod_piastres, l.courier_fee_piastres::float8 as courier_fee_piastres, l.created_at, l.updated_at`;

type RawLeg = Omit<LegRow, 'requested_at' | 'state_at' | 'created_at' | 'updated_at'> & Record<'requested_at' | 'created_at' | 'updated_at', Date | string> & { state_at: Date | string | null };

/** An instant as pg (a Date) or drizzle's transactions (text such as `2026-11-01 10:00:00.123+00`) return it. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

/** Legs from a query selecting (or returning) `LEG_COLUMNS`, instants as Dates whoever ran it. */
export async function queryLegs(db: Db, text: string, params: readonly unknown[] = []): Promise<LegRow[]> {
  const rows = await db.query<RawLeg>(text, params);
  return rows.map((r) => ({
    ...r, requested_at: toDate(r.requested_at), state_at: r.state_at === null ? null : toDate(r.state_at), created_at: toDate(r.created_at), updated_at: toDate(r.updated_at),
  }));
}

/** One leg by id (null when unknown). */
export async function loadLeg(db: Db, returnId: string): Promise<LegRow | null> {
  const [row] = await queryLegs(db, `select ${LEG_COLUMNS} from returns.legs l where l.return_id = $1`, [returnId]);
  return row ?? null;
}

/** One leg by id, locked for the rest of the transaction. */
export async function lockLeg(tx: Db, returnId: string): Promise<LegRow | null> {
  const [row] = await queryLegs(tx, `select ${LEG_COLUMNS} from returns.legs l where l.return_id = $1 for update`, [returnId]);
  return row ?? null;
}

/** One history line. */
export interface HistoryEntry {
  return_id: string;
  status: string;
  bosta_state_code: number | null;
  at: Date;
  note: string | null;
}

/** Records history lines (one statement for all of them). */
export async function addHistory(tx: Db, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `insert into returns.leg_history (return_id, status, bosta_state_code, at, note)
     select h.return_id, h.status, h.bosta_state_code, h.at, h.note
       from json_to_recordset($1::json) as h(return_id uuid, status text, bosta_state_code int, at timestamptz, note text)`,
    [JSON.stringify(entries.map((e) => ({ ...e, at: e.at.toISOString() })))],
  );
}

/** An instant as the API shows it. */
export const iso = (d: Date): string => d.toISOString();
const egp = (piastres: number): number => Math.round(piastres) / 100;

/** A leg as the read API shows it (`history` only when given). */
export function legView(row: LegRow, history?: readonly HistoryEntry[]): ReturnLeg {
  return {
    return_id: row.return_id,
    action_id: row.action_id,
    case_number: row.case_number,
    leg: row.leg,
    attempt: row.attempt,
    type_code: row.type_code,
    kind: row.kind,
    unique_business_reference: row.unique_business_reference,
    tracking_number: row.tracking_number,
    bosta_delivery_id: row.bosta_delivery_id,
    status: row.status as ReturnLeg['status'],
    bosta_state_code: row.bosta_state_code,
    last_error: row.last_error,
    create_attempts: row.create_attempts,
    customer_phone: row.customer_phone,
    customer_name: row.customer_name,
    address: row.address,
    product_name: row.product_name,
    cod: egp(row.cod_piastres),
    courier_fee: row.courier_fee_piastres === null ? null : egp(row.courier_fee_piastres),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    ...(history ? { history: history.map((h) => ({ status: h.status, bosta_state_code: h.bosta_state_code, at: iso(h.at), note: h.note })) } : {}),
  };
}
