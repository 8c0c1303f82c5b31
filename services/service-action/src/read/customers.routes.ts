import { normalizePhone } from '@hvar/bosta';
import {
  CustomerNoQuery, CustomerParams, CustomersQuery, type CustomerDetail, type CustomerSegment, type InteractionList, type SegmentHistory,
} from '@hvar/contracts';
import { AppError, parseInput, poolQuery } from '@hvar/platform';
import type { Request, Router } from 'express';
import { findCustomer, iso, isoCol, type Query } from '../customers/customer.view.js';
import { customerNotFound } from '../customers/existing.js';
import { INTERACTION_COLUMNS, toInteraction, type InteractionRow } from '../customers/interaction.view.js';
import { customerAnalytics, medianIntervalDays } from '../domain/customer-analytics.js';
import type { ReadApiDeps } from '../http.js';
import { listCustomers } from './customers-list.read.js';
import { customersAnalytics, customerStats } from './customers-stats.read.js';

/** `:phone` in any spelling → E.164 (400 naming the parameter when it is not an Egyptian mobile). */
export function phoneParam(req: Request): string {
  const raw = parseInput(CustomerParams, req.params, 'params').phone;
  const phone = normalizePhone(raw);
  if (!phone) {
    throw new AppError('invalid_data', `Invalid params: params.phone "${raw}" is not an Egyptian mobile number`, {
      errors: [{ path: 'params.phone', message: 'not an Egyptian mobile number' }],
    });
  }
  return phone;
}

/** The customer of `:phone` with their analytics (404 unknown). */
async function customerDetail(db: Query, phone: string, now: Date): Promise<CustomerDetail> {
  const customer = await findCustomer(db, phone);
  if (!customer) throw customerNotFound(phone);
  const dates = await db.query<{ at: string }>(`select ${isoCol('created_at', 'at')} from service_action.orders where phone = $1`, [phone]);
  const analytics = customerAnalytics({
    totalOrders: customer.total_orders, totalValuePiastres: Math.round(customer.total_value * 100), returnRate: customer.return_rate,
    firstOrderAt: customer.first_order_date ? new Date(customer.first_order_date) : null,
    lastOrderAt: customer.last_order_date ? new Date(customer.last_order_date) : null,
    medianIntervalDays: medianIntervalDays(dates.map((d) => new Date(d.at))), satisfaction: customer.satisfaction_score,
  }, now);
  return { ...customer, analytics };
}

/** 404 unless the customer of `phone` exists. */
async function mustExist(db: Query, phone: string): Promise<void> {
  const [row] = await db.query<{ one: number }>('select 1 as one from service_action.customers where phone = $1', [phone]);
  if (!row) throw customerNotFound(phone);
}

/**
 * Registers the customer reads: list with the seed's filters, stats, analytics (fixed paths before
 * `/customers/:phone`), one customer with analytics, their interactions and segment history.
 */
export function customerRoutes(router: Router, deps: ReadApiDeps): void {
  const db = poolQuery(deps.database.pool);

  router.get('/customers', async (req, res) => {
    res.json(await listCustomers(db, parseInput(CustomersQuery, req.query, 'query'), deps.now()));
  });

  router.get('/customers/stats', async (req, res) => {
    parseInput(CustomerNoQuery, req.query, 'query');
    res.json(await customerStats(db));
  });

  router.get('/customers/analytics', async (req, res) => {
    parseInput(CustomerNoQuery, req.query, 'query');
    res.json(await customersAnalytics(db, deps.now()));
  });

  router.get('/customers/:phone', async (req, res) => {
    parseInput(CustomerNoQuery, req.query, 'query');
    res.json(await customerDetail(db, phoneParam(req), deps.now()));
  });

  router.get('/customers/:phone/interactions', async (req, res) => {
    parseInput(CustomerNoQuery, req.query, 'query');
    const phone = phoneParam(req);
    await mustExist(db, phone);
    const rows = await db.query<InteractionRow>(
      `select ${INTERACTION_COLUMNS} from service_action.interactions i where i.phone = $1 order by i.created_at desc, i.interaction_id desc`, [phone]);
    const body: InteractionList = { phone, items: rows.map(toInteraction) };
    res.json(body);
  });

  router.get('/customers/:phone/segments', async (req, res) => {
    parseInput(CustomerNoQuery, req.query, 'query');
    const phone = phoneParam(req);
    await mustExist(db, phone);
    const rows = await db.query<{ from_segment: CustomerSegment | null; to_segment: CustomerSegment; reason: string; at: string }>(
      `select from_segment, to_segment, reason, ${isoCol('at', 'at')} from service_action.segment_history where phone = $1 order by at, id`, [phone]);
    const body: SegmentHistory = { phone, items: rows.map((r) => ({ ...r, at: iso(r.at) })) };
    res.json(body);
  });
}
