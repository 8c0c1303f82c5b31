import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineEvents } from '../src/db/schema.js';
import { orderRow, startReadApi, type OrderInsert, type ReadApiHarness } from './read-fixtures.js';

let api: ReadApiHarness;
const d = (iso: string) => new Date(iso);

// Five orders with distinct facts, and a bulk of 60 with repeated COD values (ties) for paging.
const named: Record<string, OrderInsert> = {
  A: orderRow({ tracking_number: '1000001', business_reference: 'REF-A', cod_piastres: 1500_00, description: 'Blender 3000', order_sla_exceeded: true, receiver_phone: '+201001234567',
    created_at: d('2025-03-01T10:00:00Z'), delivered_at: d('2025-03-10T10:00:00Z'), state_at: d('2025-03-10T10:00:00Z') }),
  B: orderRow({ tracking_number: '1000002', cod_piastres: 250_00, dropoff_city: 'Giza', dropoff_city_ar: 'الجيزة', dropoff_zone: 'Dokki', dropoff_zone_ar: 'الدقي', e2e_sla_exceeded: true,
    receiver_phone: '+201001234567', created_at: d('2025-03-02T10:00:00Z'), delivered_at: d('2025-03-05T10:00:00Z') }),
  C: orderRow({ tracking_number: '1000003', cod_piastres: 0, state_code: 47, state_value: 'Exception', type_code: 25, type_value: 'Customer Return Pickup', dropoff_city: 'Alexandria', dropoff_city_ar: 'الإسكندرية',
    description: 'Mixer', return_items_count: 1, receiver_phone: '+201112223334', created_at: d('2025-03-03T10:00:00Z'),
    customer_segment: 'problematic', has_service_actions: true, service_actions_count: 1, service_status: 'return_ordered' }),
  D: orderRow({ tracking_number: '1000004', cod_piastres: -300_00, state_code: 46, state_value: 'Returned to business', type_code: 20, dropoff_zone: 'Nasr City', dropoff_zone_ar: 'مدينة نصر',
    dropoff_district: 'Abbas', dropoff_district_ar: 'عباس العقاد', receiver_phone: '+201112223334', created_at: d('2025-03-31T22:30:00Z') }),
  E: orderRow({ tracking_number: '1000005', cod_piastres: 1000_50, receiver_name: 'Mona 50%_off', product_name: 'Iron', business_category: 'Real Sales Order', service_type: 'main',
    order_level: 0, hierarchy_status: 'main', customer_segment: 'vip', has_service_actions: true, service_actions_count: 2, service_status: 'hub_confirmed', receiver_phone: '+201223334445',
    created_at: d('2025-03-04T10:00:00Z'), delivered_at: d('2025-03-31T21:59:00Z') }),
};
// Read-model values with ties, and unclassified (null) orders, for the read-model sorts.
const CLASSES = [
  {},
  { business_category: 'Maintenance Order', service_type: 'maintenance', order_level: 1 },
  { business_category: 'Service Order', service_type: 'service', order_level: 1 },
  { business_category: 'Operational Order', service_type: 'operational', order_level: 0 },
];
const STATUSES = ['unlinked', 'linked', 'pending_review'];
const bulk = Array.from({ length: 60 }, (_, i) =>
  orderRow({ ...CLASSES[i % 4], hierarchy_status: STATUSES[i % 3], cod_piastres: (i % 7) * 100_00, dropoff_city: 'Tanta', dropoff_city_ar: 'طنطا', dropoff_zone: 'Center', dropoff_zone_ar: 'وسط', state_code: i % 3 === 0 ? 41 : 45,
    receiver_phone: '+201500000001', customer_segment: 'vip', created_at: d(`2024-06-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00Z`), updated_at: d('2024-07-01T00:00:00Z') }),
);
const tn = (k: string): string => named[k]?.tracking_number ?? '';

beforeAll(async () => {
  api = await startReadApi();
  await api.insertOrders([...Object.values(named), ...bulk]);
});
afterAll(async () => {
  await api.close();
});

async function trackings(query: string): Promise<string[]> {
  const res = await api.get(`/orders?limit=200&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { tracking_number: string }[]).map((o) => o.tracking_number).sort();
}
const only = (...keys: string[]) => keys.map(tn).sort();
const namedOnly = (list: string[]) => list.filter((t) => t.startsWith('100000'));

describe('GET /orders filters', () => {
  it('COD range in EGP, with the seed example cod_min=1000&city=القاهرة', async () => {
    expect(await trackings(`cod_min=1000&city=${encodeURIComponent('القاهرة')}`)).toEqual(only('A', 'E'));
    expect(namedOnly(await trackings('cod_min=-300&cod_max=250'))).toEqual(only('B', 'C', 'D'));
    expect(await trackings('cod_min=1000.5&cod_max=1000.5')).toEqual(only('E'));
  });
  it('state and type, single and lists; the seed examples', async () => {
    expect(await trackings('state=47')).toEqual(only('C'));
    expect(namedOnly(await trackings('state=46,47'))).toEqual(only('C', 'D'));
    expect(await trackings('order_type=20,25')).toEqual(only('C', 'D'));
    expect(await trackings('has_product_desc=true&order_type=10')).toEqual(only('A', 'E'));
    expect(await trackings('sla_exceeded=true&state=45')).toEqual(only('A', 'B'));
  });
  it('city, zone, district in English (any case) or Arabic', async () => {
    expect(await trackings('city=giza')).toEqual(only('B'));
    expect(await trackings(`city=${encodeURIComponent('الإسكندرية')}`)).toEqual(only('C'));
    expect(await trackings('zone=NASR%20CITY')).toEqual(only('D'));
    expect(await trackings(`zone=${encodeURIComponent('الدقي')}`)).toEqual(only('B'));
    expect(await trackings('district=abbas')).toEqual(only('D'));
  });
  it('phone in any spelling', async () => {
    for (const spelling of ['01001234567', '+201001234567', '00201001234567', '+20 100 123 4567', '٠١٠٠١٢٣٤٥٦٧']) {
      expect(await trackings(`phone=${encodeURIComponent(spelling)}`), spelling).toEqual(only('A', 'B'));
    }
  });
  it('has_product_desc, has_returns, sla_exceeded both ways', async () => {
    expect(namedOnly(await trackings('has_product_desc=true'))).toEqual(only('A', 'C', 'E'));
    expect(namedOnly(await trackings('has_product_desc=false'))).toEqual(only('B', 'D'));
    expect(await trackings('has_returns=true')).toEqual(only('C', 'D'));
    expect(namedOnly(await trackings('has_returns=0'))).toEqual(only('A', 'B', 'E'));
    expect(await trackings('sla_exceeded=1')).toEqual(only('A', 'B'));
    expect((await trackings('sla_exceeded=false')).length).toBe(63);
  });
  it('created and delivered ranges: a date is a whole day in Africa/Cairo, date-times are exact', async () => {
    // D was created 2025-03-31T22:30Z = 1 April 00:30 in Cairo.
    expect(await trackings('created_from=2025-03-02&created_to=2025-03-31')).toEqual(only('B', 'C', 'E'));
    expect(await trackings('created_from=2025-04-01')).toEqual(only('D'));
    expect(await trackings('created_from=2025-03-01T10:00:00Z&created_to=2025-03-02T10:00:00Z')).toEqual(only('A', 'B'));
    expect(await trackings('delivered_from=2025-03-05&delivered_to=2025-03-10')).toEqual(only('A', 'B'));
    // E was delivered 2025-03-31T21:59Z = 23:59 on 31 March in Cairo.
    expect(await trackings('delivered_from=2025-03-31&delivered_to=2025-03-31')).toEqual(only('E'));
  });
  it('free text over tracking number, reference, name, description, product, city, zone; wildcards are literal', async () => {
    expect(await trackings('q=1000003')).toEqual(only('C'));
    expect(await trackings('q=ref-a')).toEqual(only('A'));
    expect(await trackings('q=blender')).toEqual(only('A'));
    expect(await trackings('q=iron')).toEqual(only('E'));
    expect(await trackings('q=dokki')).toEqual(only('B'));
    expect(await trackings(`q=${encodeURIComponent('الإسكندرية')}`)).toEqual(only('C'));
    expect(await trackings('q=50%25_')).toEqual(only('E'));
    expect(await trackings('q=%25')).toEqual(only('E'));
  });
  it('read-model columns (and the seed alias delivery_category)', async () => {
    expect(await trackings('business_category=real%20sales%20order')).toEqual(only('E'));
    expect(await trackings('delivery_category=main&customer_segment=vip')).toEqual(only('E'));
    expect(await trackings('order_level=0&hierarchy_status=main')).toEqual(only('E'));
  });
  it('service actions: has_service_actions both ways, service_status one or a list', async () => {
    expect(await trackings('has_service_actions=true')).toEqual(only('C', 'E'));
    expect(await trackings('has_service_actions=false')).toHaveLength(63);
    expect(await trackings('service_status=hub_confirmed')).toEqual(only('E'));
    expect(await trackings('has_service_actions=true&service_status=return_ordered,hub_confirmed')).toEqual(only('C', 'E'));
    expect(await trackings('service_status=completed')).toEqual([]);
    expect(await trackings('has_service_actions=false&service_status=hub_confirmed')).toEqual([]);
  });
  it("customer_segment: the phone's segment applies to every order of the phone", async () => {
    expect(await trackings('customer_segment=problematic')).toEqual(only('C', 'D'));
    expect(await trackings('customer_segment=vip')).toEqual([...only('E'), ...bulk.map((o) => o.tracking_number)].sort());
    expect(await trackings('customer_segment=regular')).toEqual([]);
    expect(await trackings('customer_segment=problematic&has_service_actions=false')).toEqual(only('D'));
  });
  it('the seed example: delivery_category=maintenance&customer_segment=vip&sort_by=cod&sort_dir=DESC', async () => {
    const res = await api.get('/orders?limit=200&delivery_category=maintenance&customer_segment=vip&sort_by=cod&sort_dir=DESC');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.items as { tracking_number: string; cod: number; service_type: string; customer_segment: string }[];
    const expected = bulk.filter((o) => o.service_type === 'maintenance');
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((o) => o.tracking_number).sort()).toEqual(expected.map((o) => o.tracking_number).sort());
    expect(items.map((o) => o.cod)).toEqual(expected.map((o) => o.cod_piastres / 100).sort((a, b) => b - a));
    expect(new Set(items.map((o) => `${o.service_type}/${o.customer_segment}`))).toEqual(new Set(['maintenance/vip']));
  });
  it('shows money in EGP with 2 decimals and seed field names', async () => {
    const res = await api.get(`/orders/tracking/${tn('E')}`);
    expect(res.body).toMatchObject({ cod: 1000.5, order_type_code: 10, dropoff_city_name: 'Cairo', dropoff_city_name_ar: 'القاهرة', product_name: 'Iron', receiver_phone: '+201223334445' });
    expect((await api.get(`/orders/tracking/${tn('D')}`)).body.cod).toBe(-300);
  });
  it('shows the service-action facts of each order, and nulls where the service said nothing', async () => {
    expect((await api.get(`/orders/tracking/${tn('E')}`)).body).toMatchObject({
      has_service_actions: true, service_actions_count: 2, service_status: 'hub_confirmed', customer_segment: 'vip',
    });
    expect((await api.get(`/orders/${named.D?.id}`)).body).toMatchObject({
      has_service_actions: false, service_actions_count: 0, service_status: null, customer_segment: 'problematic',
    });
    const a = (await api.get(`/orders?phone=01001234567&limit=5`)).body.items as Record<string, unknown>[];
    expect(a.map((o) => [o.has_service_actions, o.service_actions_count, o.service_status, o.customer_segment])).toEqual([[false, 0, null, null], [false, 0, null, null]]);
  });
});

describe('GET /orders sort and cursor pagination', () => {
  async function walk(query: string, limit: number): Promise<{ tracking_number: string; cod: number; created_at: string }[]> {
    const all: { tracking_number: string; cod: number; created_at: string }[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const res = await api.get(`/orders?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      all.push(...(res.body.items as typeof all));
      cursor = res.body.next_cursor as string | null;
      if (!cursor) return all;
    }
    throw new Error('pagination did not end');
  }

  it.each([
    'sort=-created_at', 'sort=cod', 'sort=-cod', 'sort_by=cod&sort_dir=DESC', 'sort=state', 'sort=-updated_at', 'sort=tracking_number', '',
    'sort=business_category', 'sort=-business_category', 'sort=service_type', 'sort=order_level', 'sort=-order_level', 'sort=hierarchy_status',
    'sort_by=hierarchy_status&sort_dir=DESC',
  ])(
    'walks every order exactly once in order (%s)',
    async (query) => {
      const rows = await walk(query, 7);
      expect(rows).toHaveLength(65);
      expect(new Set(rows.map((r) => r.tracking_number)).size).toBe(65);
      const full = await api.get(`/orders?limit=200&${query}`);
      expect(rows.map((r) => r.tracking_number)).toEqual((full.body.items as { tracking_number: string }[]).map((r) => r.tracking_number));
    },
  );

  it('orders by the read-model fields, unclassified orders first', async () => {
    const byLevel = await walk('sort=order_level', 11);
    const levels = byLevel.map((r) => (r as unknown as { order_level: number | null }).order_level ?? -1);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(levels.filter((l) => l === -1)).toHaveLength(15 + 4);
    const byCategory = await walk('sort=-business_category', 13);
    const categories = byCategory.map((r) => (r as unknown as { business_category: string | null }).business_category);
    expect(categories.slice(0, 2)).toEqual(['Service Order', 'Service Order']);
    expect(categories.slice(-19)).toEqual(Array.from({ length: 19 }, () => null));
  });

  it('orders by the sort field; sort_by/sort_dir is the same as sort=-cod', async () => {
    const desc = await walk('sort=-cod', 50);
    expect(desc.map((r) => r.cod)).toEqual([...desc.map((r) => r.cod)].sort((a, b) => b - a));
    expect((await walk('sort_by=cod&sort_dir=DESC', 50)).map((r) => r.tracking_number)).toEqual(desc.map((r) => r.tracking_number));
    const newest = await walk('', 50);
    expect(newest[0]?.tracking_number).toBe(tn('D'));
  });

  it('pages with filters keep the filter', async () => {
    const rows = await walk('city=tanta&sort=cod', 9);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.tracking_number)).size).toBe(60);
    const vip = await walk('customer_segment=vip&sort_by=cod&sort_dir=DESC', 9);
    expect(vip).toHaveLength(61);
    expect(new Set(vip.map((r) => r.tracking_number)).size).toBe(61);
    expect(vip.map((r) => r.cod)).toEqual([...vip.map((r) => r.cod)].sort((a, b) => b - a));
  });

  it('a cursor of another sort or a tampered cursor is 400', async () => {
    const first = await api.get('/orders?limit=2&sort=cod');
    const cursor = first.body.next_cursor as string;
    const other = await api.get(`/orders?limit=2&sort=-cod&cursor=${cursor}`);
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: 'query.cursor', message: 'the cursor belongs to sort cod, not -cod' }]);
    expect((await api.get('/orders?cursor=bm9wZQ')).status).toBe(400);
    // Well-formed but with a value of the wrong type for its sort: a clear 400, not a SQL error.
    const forge = (value: unknown, sort: string): string => Buffer.from(JSON.stringify([sort, value, 'x'])).toString('base64url');
    for (const [sort, value] of [['created_at', 'garbage'], ['-created_at', '2025-02-30T00:00:00.000Z'], ['-cod', 'abc'], ['state', 1.5], ['-updated_at', 12], ['order_level', 'x'], ['-business_category', 5]] as const) {
      const res = await api.get(`/orders?limit=2&sort=${sort}&cursor=${forge(value, sort)}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'query.cursor', message: 'not a cursor from this API' }]);
    }
  });
});

describe('GET /orders bad input', () => {
  it.each([
    ['colour=red', 'query'],
    ['cod_min=abc', 'query.cod_min'],
    ['cod_min=10.123', 'query.cod_min'],
    ['state=delivered', 'query.state'],
    ['created_from=yesterday', 'query.created_from'],
    ['sort=price', 'query.sort'],
    ['limit=0', 'query.limit'],
    ['limit=201', 'query.limit'],
    ['has_returns=maybe', 'query.has_returns'],
    ['phone=12345', 'query.phone'],
    ['has_service_actions=maybe', 'query.has_service_actions'],
    ['service_status=pending', 'query.service_status'],
    ['service_status=completed,,cancelled', 'query.service_status'],
    ['customer_segment=gold', 'query.customer_segment'],
    ['customer_segment=VIP', 'query.customer_segment'],
  ])('%s → 400 naming %s', async (query, path) => {
    const res = await api.get(`/orders?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://hvar-cycle.dev/problems/invalid_data');
    expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });
});

describe('single orders, phone, timeline', () => {
  it('by id and by tracking number; unknown → 404', async () => {
    const byId = await api.get(`/orders/${named.A?.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: named.A?.id, tracking_number: tn('A'), cod: 1500, state_code: 45, delivered_at: '2025-03-10T10:00:00.000Z' });
    expect((await api.get(`/orders/tracking/${tn('B')}`)).body.id).toBe(named.B?.id);
    expect((await api.get('/orders/nope')).status).toBe(404);
    expect((await api.get('/orders/tracking/999')).status).toBe(404);
    expect((await api.get('/orders/tracking/a%20b')).status).toBe(400);
  });

  it('every spelling of a phone finds the same orders; not a phone → 400', async () => {
    for (const spelling of ['01112223334', '1112223334', '201112223334', '+20 111 222 3334', '00201112223334', '(0111) 222-3334', '٠١١١٢٢٢٣٣٣٤']) {
      const res = await api.get(`/orders/phone/${encodeURIComponent(spelling)}`);
      expect(res.status, spelling).toBe(200);
      expect(res.body.phone).toBe('+201112223334');
      expect((res.body.items as { tracking_number: string }[]).map((o) => o.tracking_number), spelling).toEqual([tn('D'), tn('C')]);
    }
    const bad = await api.get('/orders/phone/0123');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'params.phone', message: expect.stringContaining('not an Egyptian mobile') as string }]);
  });

  it('phone orders page with a cursor', async () => {
    const first = await api.get('/orders/phone/01500000001?limit=25');
    const second = await api.get(`/orders/phone/01500000001?limit=25&cursor=${first.body.next_cursor as string}`);
    const third = await api.get(`/orders/phone/01500000001?limit=25&cursor=${second.body.next_cursor as string}`);
    const all = [first, second, third].flatMap((r) => (r.body.items as { id: string }[]).map((o) => o.id));
    expect(new Set(all).size).toBe(60);
    expect(third.body.next_cursor).toBeNull();
  });

  it('timeline in event order, undated steps last; unknown order → 404', async () => {
    const id = named.C?.id ?? '';
    await api.database.db.insert(timelineEvents).values([
      { order_id: id, seq: 2, code: 47, value: 'Exception', at: d('2025-03-04T09:00:00Z'), done: true, source: 'webhook' },
      { order_id: id, seq: 0, code: 10, value: 'Created', at: d('2025-03-03T10:00:00Z'), done: true, source: 'rest' },
      { order_id: id, seq: 1, code: 21, value: 'Picked up', at: d('2025-03-03T15:00:00Z'), done: true, source: 'rest' },
      { order_id: id, seq: 2, code: null, value: 'Delivered', at: null, done: false, source: 'rest' },
    ]);
    const res = await api.get(`/orders/${id}/timeline`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ order_id: id, tracking_number: tn('C'), state_code: 47 });
    expect((res.body.events as { value: string }[]).map((e) => e.value)).toEqual(['Created', 'Picked up', 'Exception', 'Delivered']);
    expect((await api.get('/orders/unknown/timeline')).status).toBe(404);
  });
});

describe('stats and state analysis', () => {
  it('stats over all orders and over a filter', async () => {
    const all = await api.get('/orders/stats');
    expect(all.status).toBe(200);
    const bulkCod = bulk.reduce((s, o) => s + (o.cod_piastres ?? 0), 0) / 100;
    expect(all.body).toMatchObject({ total_orders: 65, cod_total: 1500 + 250 + 0 - 300 + 1000.5 + bulkCod, delivered: 3 + 40, returned: 1, exceptions: 1, in_progress: 21, sla_exceeded: 2, customers: 4 });
    const cairo = await api.get(`/orders/stats?city=${encodeURIComponent('القاهرة')}`);
    expect(cairo.body).toMatchObject({ total_orders: 3, cod_total: 2200.5, delivered: 2, returned: 1, with_product_description: 2, customers: 3 });
    expect(cairo.body.by_state).toEqual([
      { state_code: 45, state_value: 'Delivered', count: 2, cod_total: 2500.5 },
      { state_code: 46, state_value: 'Returned to business', count: 1, cod_total: -300 },
    ]);
    expect((cairo.body.by_type as { order_type_code: number }[]).map((t) => t.order_type_code).sort()).toEqual([10, 20]);
    // Cities, service types and the daily trend add up to the same orders and money.
    type Row = { count: number; cod_total: number };
    const sum = (rows: unknown, key: 'count' | 'cod_total') => Math.round((rows as Row[]).reduce((t, r) => t + r[key], 0) * 100) / 100;
    for (const key of ['by_city', 'by_service_type'] as const) {
      expect(sum(all.body[key], 'count'), key).toBe(65);
      expect(sum(all.body[key], 'cod_total'), key).toBe(all.body.cod_total);
    }
    expect(cairo.body.by_city).toEqual([{ city: expect.any(String) as string, count: 3, cod_total: 2200.5, returned: 1 }]);
    const days = all.body.by_day as { day: string; count: number; delivered: number; returned: number; in_progress: number; by_category: Record<string, number> }[];
    expect(days.map((d) => d.day)).toEqual([...days.map((d) => d.day)].sort());
    expect(days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.day) && d.count > 0)).toBe(true);
    // Each day splits by where its orders are now and by business category, adding up to the day.
    for (const d of days) {
      expect(d.delivered + d.returned + d.in_progress, d.day).toBeLessThanOrEqual(d.count);
      expect(Object.values(d.by_category).reduce((n, c) => n + c, 0), d.day).toBe(d.count);
    }
    const cairoDays = cairo.body.by_day as typeof days;
    expect(cairoDays.reduce((n, d) => n + d.delivered, 0)).toBe(2);
    expect(cairoDays.reduce((n, d) => n + d.returned, 0)).toBe(1);
    expect(typeof all.body.bosta_fees_total).toBe('number');
    expect((await api.get('/orders/stats?sort=cod')).status).toBe(400);
  });

  it('stats and state analysis filter by the read model like the list does', async () => {
    const linked = bulk.filter((o) => o.hierarchy_status === 'linked');
    expect(linked.length).toBeGreaterThan(0);
    const stats = await api.get('/orders/stats?hierarchy_status=linked');
    expect(stats.body).toMatchObject({ total_orders: linked.length, cod_total: linked.reduce((s, o) => s + o.cod_piastres, 0) / 100 });
    expect(await trackings('hierarchy_status=linked')).toHaveLength(linked.length);
    const vip = await api.get('/orders/states?customer_segment=vip&has_service_actions=true');
    expect(vip.body).toMatchObject({ total_orders: 1, states: [expect.objectContaining({ state_code: 45, count: 1, cod_total: 1000.5 })] });
  });

  it('state analysis: counts, shares, money per state', async () => {
    const res = await api.get('/orders/states?created_from=2025-01-01');
    expect(res.status).toBe(200);
    expect(res.body.total_orders).toBe(5);
    const states = res.body.states as { state_code: number; count: number; share: number; cod_total: number; sla_exceeded: number }[];
    expect(states[0]).toMatchObject({ state_code: 45, count: 3, share: 0.6, cod_total: 2750.5, sla_exceeded: 2 });
    expect(states.map((s) => s.state_code).sort()).toEqual([45, 46, 47]);
    expect((await api.get('/orders/states?state=x')).status).toBe(400);
  });
});
