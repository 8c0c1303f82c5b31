import {
  OrderFiltersQuery, OrderIdParams, OrdersQuery, PhoneOrdersQuery, PhoneParams, TrackingParams, orderFilters, orderSort,
} from '@hvar/contracts';
import { type Database, notFound, parseInput } from '@hvar/platform';
import type { Router } from 'express';
import { toOrder } from './order.mapper.js';
import { phoneOrFail } from './order-filters.js';
import { orderById, orderByTracking, pageOrders, phoneWhere, timelineOf, whereOf } from './orders.repo.js';
import { orderBuckets, orderTotals, stateAnalysis } from './stats.repo.js';
import { toStateAnalysis, toStats } from './stats.mapper.js';

/** Registers the order reads: list, stats, states, by tracking number, by phone, one order, timeline. */
export function orderRoutes(router: Router, database: Database): void {
  const db = database.db;

  router.get('/orders', async (req, res) => {
    const q = parseInput(OrdersQuery, req.query, 'query');
    const page = await pageOrders(db, { where: whereOf(orderFilters(q)), sort: orderSort(q), limit: q.limit, cursor: q.cursor });
    res.json({ items: page.rows.map(toOrder), next_cursor: page.next_cursor });
  });

  router.get('/orders/stats', async (req, res) => {
    const where = whereOf(orderFilters(parseInput(OrderFiltersQuery, req.query, 'query')));
    const [totals, buckets] = await Promise.all([orderTotals(db, where), orderBuckets(db, where)]);
    res.json(toStats(totals, buckets));
  });

  router.get('/orders/states', async (req, res) => {
    const where = whereOf(orderFilters(parseInput(OrderFiltersQuery, req.query, 'query')));
    res.json(toStateAnalysis(await stateAnalysis(db, where)));
  });

  router.get('/orders/tracking/:trackingNumber', async (req, res) => {
    const { trackingNumber } = parseInput(TrackingParams, req.params, 'params');
    const row = await orderByTracking(db, trackingNumber);
    if (!row) throw notFound(`order with tracking number ${trackingNumber}`);
    res.json(toOrder(row));
  });

  router.get('/orders/phone/:phone', async (req, res) => {
    const params = parseInput(PhoneParams, req.params, 'params');
    const q = parseInput(PhoneOrdersQuery, req.query, 'query');
    const phone = phoneOrFail(params.phone, 'params.phone');
    const page = await pageOrders(db, { where: phoneWhere(phone), sort: { field: 'created_at', desc: true }, limit: q.limit, cursor: q.cursor });
    res.json({ phone, items: page.rows.map(toOrder), next_cursor: page.next_cursor });
  });

  router.get('/orders/:id', async (req, res) => {
    const { id } = parseInput(OrderIdParams, req.params, 'params');
    const row = await orderById(db, id);
    if (!row) throw notFound(`order ${id}`);
    res.json(toOrder(row));
  });

  router.get('/orders/:id/timeline', async (req, res) => {
    const { id } = parseInput(OrderIdParams, req.params, 'params');
    const row = await orderById(db, id);
    if (!row) throw notFound(`order ${id}`);
    const events = await timelineOf(db, id);
    res.json({
      order_id: row.id, tracking_number: row.tracking_number, state_code: row.state_code,
      events: events.map((e) => ({ seq: e.seq, code: e.code, value: e.value, at: e.at?.toISOString() ?? null, done: e.done, source: e.source })),
    });
  });
}

